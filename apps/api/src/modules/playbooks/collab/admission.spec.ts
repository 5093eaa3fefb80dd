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

describe('Admission with an abort signal', () => {
  it('drops a waiting task whose signal aborts, and it never runs', async () => {
    const admission = new Admission(() => 1);
    const first = gate();
    const running = admission.run(() => first.opened);
    const ac = new AbortController();
    let ran = false;
    const waiting = admission.run(() => {
      ran = true;
    }, ac.signal);
    expect(admission.queued).toBe(1);
    ac.abort();
    await expect(waiting).resolves.toBeUndefined();
    expect(admission.queued).toBe(0);
    first.open();
    await running;
    expect(ran).toBe(false);
    await expect(admission.run(() => 'berikutnya')).resolves.toBe('berikutnya');
  });

  it('frees the slot of a running task whose signal aborts, even if the task never ends', async () => {
    const admission = new Admission(() => 1);
    const ac = new AbortController();
    void admission.run(() => new Promise<never>(() => undefined), ac.signal);
    const next = admission.run(() => 'masuk');
    expect(admission.queued).toBe(1);
    ac.abort();
    await expect(next).resolves.toBe('masuk');
  });
});
