/** The checkpoint's file name inside its folder; its own module so callers can look for it without loading tfjs. */
export const CHECKPOINT_FILE = 'ppo-checkpoint.json';
