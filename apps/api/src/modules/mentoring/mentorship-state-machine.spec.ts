import { MENTORSHIP_STATES } from '@app/database';
import { allowedTransitions, Capacity, checkTransition, isTerminal, MENTORSHIP_TRANSITIONS } from './mentorship-state-machine';

const ALL: Capacity[] = ['mentor', 'originAdmin', 'mentee', 'responder', 'staff'];

describe('mentorship state machine', () => {
  it('has exactly the product’s moves', () => {
    const moves = MENTORSHIP_STATES.flatMap((from) => Object.keys(MENTORSHIP_TRANSITIONS[from]).map((to) => `${from}>${to}`)).sort();
    expect(moves).toEqual(
      [
        'PROPOSED>ACTIVE',
        'PROPOSED>DECLINED',
        'PROPOSED>CANCELLED',
        'ACTIVE>PAUSED',
        'ACTIVE>COMPLETED',
        'ACTIVE>CANCELLED',
        'PAUSED>ACTIVE',
        'PAUSED>COMPLETED',
        'PAUSED>CANCELLED',
      ].sort(),
    );
    expect(MENTORSHIP_STATES.filter(isTerminal)).toEqual(['COMPLETED', 'DECLINED', 'CANCELLED']);
  });

  it('says INVALID_TRANSITION for moves outside the table, whoever asks', () => {
    for (const from of MENTORSHIP_STATES)
      for (const to of MENTORSHIP_STATES)
        if (!MENTORSHIP_TRANSITIONS[from][to])
          expect(checkTransition(from, to, new Set(ALL))).toEqual({ ok: false, reason: 'INVALID_TRANSITION' });
  });

  it('lets only the answering side accept or decline; either side pauses, resumes, completes, cancels', () => {
    expect(checkTransition('PROPOSED', 'ACTIVE', new Set(['mentee']))).toEqual({ ok: false, reason: 'FORBIDDEN' });
    expect(checkTransition('PROPOSED', 'ACTIVE', new Set(['mentor']))).toEqual({ ok: false, reason: 'FORBIDDEN' }); // mentor without being the responder
    expect(checkTransition('PROPOSED', 'DECLINED', new Set(['responder']))).toEqual({ ok: true });
    expect(checkTransition('ACTIVE', 'PAUSED', new Set(['mentee']))).toEqual({ ok: true });
    expect(checkTransition('PAUSED', 'ACTIVE', new Set(['originAdmin']))).toEqual({ ok: true });
    expect(checkTransition('ACTIVE', 'COMPLETED', new Set())).toEqual({ ok: false, reason: 'FORBIDDEN' });
    expect(allowedTransitions('PROPOSED', new Set(['staff'])).sort()).toEqual(['ACTIVE', 'CANCELLED', 'DECLINED']);
    expect(allowedTransitions('COMPLETED', new Set(ALL))).toEqual([]);
  });
});
