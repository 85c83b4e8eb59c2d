import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { BankStore, PoolUsage } from './store/store';
import { VERDICT_RESULTS, type Verdict } from './verdicts';

/** Request latency buckets in seconds: a verification takes about a millisecond, a stalled database seconds. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

type StoreMethod = Exclude<keyof BankStore, 'poolUsage'>;
/** What a store call that succeeded says about the bank's decisions. */
type Decision<M extends StoreMethod> = (
  metrics: BankMetrics,
  args: Parameters<BankStore[M]>,
  result: Awaited<ReturnType<BankStore[M]>>,
) => void;

const DECISIONS: { [M in StoreMethod]?: Decision<M> } = {
  addChallenge: (metrics) => metrics.challenges.inc(),
  recordFailure: (metrics, _args, count) => {
    if (count?.blocked) metrics.blocks.inc({ reason: 'failures' });
  },
  setBlocked: (metrics, [, blocked], found) => {
    if (blocked && found) metrics.blocks.inc({ reason: 'support' });
  },
};

/**
 * The bank's Prometheus metrics, in a registry of its own (GET /metrics, see docs/BANK.md): verifications
 * by result, challenges issued, blocks, database errors, the connection pool of a pooled store, request
 * latency, and Node's process metrics.
 */
export class BankMetrics {
  readonly registry = new Registry();
  readonly verifications = new Counter({
    name: 'mobipass_verifications_total',
    help: 'Signature values checked, by result',
    labelNames: ['result'],
    registers: [this.registry],
  });
  readonly challenges = new Counter({
    name: 'mobipass_challenges_issued_total',
    help: 'Challenges (document code numbers) issued',
    registers: [this.registry],
  });
  readonly blocks = new Counter({
    name: 'mobipass_blocks_total',
    help: 'Customers blocked: by the third wrong answer (failures) or by the support line (support)',
    labelNames: ['reason'],
    registers: [this.registry],
  });
  readonly databaseErrors = new Counter({
    name: 'mobipass_database_errors_total',
    help: 'Store calls that failed, by operation',
    labelNames: ['operation'],
    registers: [this.registry],
  });
  readonly requestDuration = new Histogram({
    name: 'mobipass_http_request_duration_seconds',
    help: 'HTTP request latency, from the request to the end of the reply, by route and status',
    labelNames: ['method', 'route', 'status_code'],
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    for (const result of VERDICT_RESULTS) this.verifications.inc({ result }, 0);
    for (const reason of ['failures', 'support']) this.blocks.inc({ reason }, 0);
  }

  verified(result: Verdict['result']): void {
    this.verifications.inc({ result });
  }

  /** The Prometheus text format. */
  exposition(): Promise<string> {
    return this.registry.metrics();
  }

  /**
   * The store, counting its failures and the decisions it records; a store with a pool (poolUsage)
   * has it read at each scrape. Every method is observed, including ones added later.
   */
  observeStore<S extends BankStore>(store: S): S {
    if (store.poolUsage) this.watchPool(() => (store.poolUsage as () => PoolUsage).call(store));
    return new Proxy(store, {
      get: (target, property, receiver) => {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function' || property === 'poolUsage') return value;
        const operation = String(property) as StoreMethod;
        return async (...args: unknown[]) => {
          let result: unknown;
          try {
            result = await value.apply(target, args);
          } catch (error) {
            this.databaseErrors.inc({ operation });
            throw error;
          }
          (DECISIONS[operation] as Decision<StoreMethod> | undefined)?.(this, args as never, result as never);
          return result;
        };
      },
    });
  }

  private watchPool(read: () => PoolUsage): void {
    new Gauge({
      name: 'mobipass_database_pool_connections',
      help: 'Open database connections, by state (busy, idle)',
      labelNames: ['state'],
      registers: [this.registry],
      collect() {
        const usage = read();
        this.set({ state: 'busy' }, usage.total - usage.idle);
        this.set({ state: 'idle' }, usage.idle);
      },
    });
    new Gauge({
      name: 'mobipass_database_pool_waiting',
      help: 'Requests waiting for a database connection',
      registers: [this.registry],
      collect() {
        this.set(read().waiting);
      },
    });
    new Gauge({
      name: 'mobipass_database_pool_max',
      help: 'The most connections the pool opens',
      registers: [this.registry],
      collect() {
        this.set(read().max);
      },
    });
  }
}
