import type { RunStep } from '../pipeline/contract.ts';
import type { RenderedArticle } from '../types.ts';
import { digestInput, writeRunOutputs, type RunOutputs } from './outputs.ts';

/** The digest across articles and the HTML report, from the article files the render stage wrote. */
export const digestStep: RunStep<RenderedArticle, RenderedArticle, RunOutputs> = {
  name: 'digest',
  after: 'render',
  keep: digestInput,
  run: (rendered, { config, upstreamVersion }) => writeRunOutputs(config, rendered, { upstreamVersion }),
};
