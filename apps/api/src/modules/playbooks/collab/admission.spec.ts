import { Admission } from './admission';

/** A task that runs until released from outside. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

describe('Admission', () => {
  it('runs at most the limit at once and the rest in arrival order', async () => {
    const admission = new Admission(() => 2);
    const gates = [gate(), gate(), gate(), gate()];
    const started: number[] = [];
    const done = gates.map((g, i) =>
      admission.run(async () => {
        started.push(i);
        await g.opened;
        return i;
      }),
    );
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([0, 1]);
    expect(admission.queued).toBe(2);
    gates[1]!.open();
    await done[1];
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([0, 1, 2]);
    gates[0]!.open();
    gates[2]!.open();
    gates[3]!.open();
    expect(await Promise.all(done)).toEqual([0, 1, 2, 3]);
    expect(started).toEqual([0, 1, 2, 3]);
  });

  it('frees the slot of a task that throws', async () => {
    const admission = new Admission(() => 1);
    await expect(admission.run(() => Promise.reject(new Error('gagal')))).rejects.toThrow('gagal');
    await expect(admission.run(() => 'lanjut')).resolves.toBe('lanjut');
    expect(admission.queued).toBe(0);
  });
});
