import { Bar, BarChart, CartesianGrid, LabelList, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface Datum {
  label: string;
  value: number;
}

/**
 * Ranked horizontal bars. Readable without colour: every bar carries its number as a label, and
 * the same data is also given as a table (ChartTable) for screen readers and print.
 */
export function RankedBars({ data, title }: { data: Datum[]; title: string }) {
  const height = Math.max(120, data.length * 46 + 40);
  return (
    <div className="chart" role="img" aria-label={title}>
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 40, bottom: 4, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} tick={{ fill: '#1b2430' }} />
          <YAxis type="category" dataKey="label" width={170} tick={{ fill: '#1b2430', fontSize: 12 }} />
          <Tooltip />
          <Bar dataKey="value" fill="#0b4f8a" isAnimationActive={false}>
            <LabelList dataKey="value" position="right" fill="#1b2430" />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** A line over time (months), each point labelled with its number. */
export function TimeLine({ data, title }: { data: Datum[]; title: string }) {
  return (
    <div className="chart" role="img" aria-label={title}>
      <ResponsiveContainer width="100%" height={240}>
        <LineChart data={data} margin={{ top: 16, right: 24, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" tick={{ fill: '#1b2430', fontSize: 12 }} />
          <YAxis allowDecimals={false} tick={{ fill: '#1b2430' }} />
          <Tooltip />
          <Line type="linear" dataKey="value" stroke="#0b4f8a" strokeWidth={2} dot={{ r: 4 }} isAnimationActive={false}>
            <LabelList dataKey="value" position="top" fill="#1b2430" />
          </Line>
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

export default { RankedBars, TimeLine };
