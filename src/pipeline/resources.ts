import type { ResolvedConfig } from '../config/schema.ts';
import type { AnyStage, CacheStore } from './contract.ts';

/** The stages' per-run resources: each created the first time its stage asks, all disposed at the end. */
export class ResourcePool {
  private readonly created = new Map<AnyStage, unknown>();

  constructor(
    private readonly config: ResolvedConfig,
    private readonly cache: CacheStore,
    private readonly signal?: AbortSignal,
  ) {}

  of(stage: AnyStage): unknown {
    if (!stage.resources) return undefined;
    if (!this.created.has(stage)) this.created.set(stage, stage.resources.create(this.config, this.cache, this.signal ? { signal: this.signal } : {}));
    return this.created.get(stage);
  }

  /** Each stage's statistics, by stage name, for the stages that have created resources. */
  statistics(): Record<string, Record<string, unknown>> {
    const result: Record<string, Record<string, unknown>> = {};
    for (const [stage, value] of this.created) {
      const statistics = stage.resources?.statistics?.(value);
      if (statistics) result[stage.name] = statistics;
    }
    return result;
  }

  async dispose(): Promise<void> {
    for (const [stage, value] of this.created) await stage.resources?.dispose?.(value);
    this.created.clear();
  }
}
