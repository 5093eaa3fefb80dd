import { CartesianGrid, LabelList, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface IndicatorPoint {
  label: string;
  value: number;
}

/**
 * One indicator over time: its measurements as a labelled line, the baseline and the target as
 * reference lines. A picture only (role img): the same figures are in the table beside it.
 */
export default function IndicatorChart({
  points,
  baseline,
  target,
  title,
  baselineLabel,
  targetLabel,
}: {
  points: IndicatorPoint[];
  baseline: number;
  target?: number;
  title: string;
  baselineLabel: string;
  targetLabel: string;
}) {
  const values = [...points.map((p) => p.value), baseline, ...(target !== undefined ? [target] : [])];
  const [lo, hi] = [Math.min(...values), Math.max(...values)];
  const pad = (hi - lo) * 0.15 || 1;
  return (
    <div className="chart" role="img" aria-label={title}>
      <ResponsiveContainer width="100%" height={220}>
        <LineChart data={points} margin={{ top: 18, right: 64, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" tick={{ fill: '#1b2430', fontSize: 12 }} />
          <YAxis domain={[Math.floor(lo - pad), Math.ceil(hi + pad)]} tick={{ fill: '#1b2430' }} />
          <Tooltip />
          <ReferenceLine
            y={baseline}
            stroke="#8a5a00"
            strokeDasharray="6 3"
            label={{ value: baselineLabel, position: 'right', fill: '#5c3d00' }}
          />
          {target !== undefined && (
            <ReferenceLine
              y={target}
              stroke="#1d6b3a"
              strokeDasharray="2 2"
              label={{ value: targetLabel, position: 'right', fill: '#1d6b3a' }}
            />
          )}
          <Line type="linear" dataKey="value" stroke="#0b4f8a" strokeWidth={2} dot={{ r: 4 }} isAnimationActive={false}>
            <LabelList dataKey="value" position="top" fill="#1b2430" />
          </Line>
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
