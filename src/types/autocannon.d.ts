// The parts of autocannon's API the benchmark uses (the package ships no types).
declare module 'autocannon' {
  interface Request {
    method?: string
    path?: string
    body?: string
    headers?: Record<string, string>
  }
  interface Options {
    url: string
    method?: string
    body?: string
    headers?: Record<string, string>
    requests?: Request[]
    connections?: number
    duration?: number
  }
  interface Histogram {
    average: number
    p50: number
    p99: number
  }
  interface Result {
    requests: Histogram
    latency: Histogram
    non2xx: number
    errors: number
  }
  export default function autocannon(options: Options): Promise<Result>
}
