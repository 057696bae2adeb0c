// The parser ships no types; this declares the part the tests read (its prom2json-shaped output).
declare module 'parse-prometheus-text-format' {
  interface Sample {
    readonly value: string;
    readonly labels?: Readonly<Record<string, string>>;
  }
  interface HistogramSample {
    /** Upper bound (`le`, `+Inf` included) → cumulative count. */
    readonly buckets: Readonly<Record<string, string>>;
    readonly count: string;
    readonly sum: string;
    readonly labels?: Readonly<Record<string, string>>;
  }
  interface MetricFamily {
    readonly name: string;
    readonly help: string;
    readonly type: 'COUNTER' | 'GAUGE' | 'HISTOGRAM' | 'SUMMARY' | 'UNTYPED';
    readonly metrics: readonly (Sample | HistogramSample)[];
  }
  function parsePrometheusTextFormat(text: string): MetricFamily[];
  namespace parsePrometheusTextFormat {
    export type { HistogramSample, MetricFamily, Sample };
  }
  export = parsePrometheusTextFormat;
}
