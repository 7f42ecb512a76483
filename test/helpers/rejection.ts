/** The error a promise rejects with; fails the test if it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<Error & { code?: string; file?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string; file?: string };
  }
  throw new Error('expected a rejection');
}
