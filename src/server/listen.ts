import { type AddressInfo } from 'node:net';
import { type Server } from 'node:http';

/** Starts listening and resolves with the bound port (the real one when asked for port 0). */
export function listen(httpServer: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => {
      reject(error);
    };
    httpServer.once('error', onError);
    httpServer.listen(port, host, () => {
      httpServer.off('error', onError);
      resolve((httpServer.address() as AddressInfo).port);
    });
  });
}

const WILDCARD_HOSTS = new Set(['', '0.0.0.0', '::']);

/** `http://host:port` as a client would dial it; wildcard binds are reached via localhost. */
export function originOf(host: string, port: number, scheme: 'http' | 'ws'): string {
  const dialHost = WILDCARD_HOSTS.has(host) ? 'localhost' : host;
  const bracketed = dialHost.includes(':') ? `[${dialHost}]` : dialHost;
  return `${scheme}://${bracketed}:${port}`;
}
