/** A candidate continuation: `row` of the batch extended with `token`, at a total `score`. */
export interface Candidate {
  score: number;
  row: number;
  token: number;
}

/**
 * Keeps the k best candidates seen, in a binary min-heap: O(n log k) over n offers and no sort of
 * the vocabulary (the stock transformers.js sorts all 54,796 logits per beam per step).
 */
export class TopK {
  private readonly heap: Candidate[] = [];

  constructor(private readonly k: number) {}

  /** The smallest score that could still enter, so callers can skip most offers cheaply. */
  get threshold(): number {
    return this.heap.length < this.k ? -Infinity : this.heap[0]!.score;
  }

  offer(score: number, row: number, token: number): void {
    if (this.heap.length < this.k) {
      this.heap.push({ score, row, token });
      this.siftUp(this.heap.length - 1);
    } else if (score > this.heap[0]!.score) {
      this.heap[0] = { score, row, token };
      this.siftDown(0);
    }
  }

  /** Best first; ties broken by row, then token, so results never depend on offer order. */
  sorted(): Candidate[] {
    return [...this.heap].sort((a, b) => b.score - a.score || a.row - b.row || a.token - b.token);
  }

  private siftUp(index: number): void {
    const heap = this.heap;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (heap[parent]!.score <= heap[index]!.score) return;
      [heap[parent], heap[index]] = [heap[index]!, heap[parent]!];
      index = parent;
    }
  }

  private siftDown(index: number): void {
    const heap = this.heap;
    for (;;) {
      const left = 2 * index + 1;
      const right = left + 1;
      let smallest = index;
      if (left < heap.length && heap[left]!.score < heap[smallest]!.score) smallest = left;
      if (right < heap.length && heap[right]!.score < heap[smallest]!.score) smallest = right;
      if (smallest === index) return;
      [heap[smallest], heap[index]] = [heap[index]!, heap[smallest]!];
      index = smallest;
    }
  }
}
