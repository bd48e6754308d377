/** An expected failure of an evaluation input (bad config, duplicate name …), naming the fields. */
export class EvaluationInputError extends Error {
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string[]> = {},
  ) {
    super(message);
    this.name = 'EvaluationInputError';
  }
}
