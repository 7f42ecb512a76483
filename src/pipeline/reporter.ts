export interface StageProgress {
  stage: string;
  total: number;
  done: number;
  ran: number;
  cached: number;
  failed: number;
  /** Sentences so far, for the stages that deal in sentences. */
  sentences: number;
}

/** How a run tells the outside world what it is doing. The CLI picks a TTY or a plain one. */
export interface Reporter {
  stageStart(progress: StageProgress): void;
  stageProgress(progress: StageProgress): void;
  stageEnd(progress: StageProgress): void;
  info(message: string): void;
}

export const silentReporter: Reporter = {
  stageStart() {},
  stageProgress() {},
  stageEnd() {},
  info() {},
};
