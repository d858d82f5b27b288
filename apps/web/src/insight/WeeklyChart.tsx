import { useId, useMemo } from 'react';
import { barChartLayout, DEFAULT_BAR_OPTIONS } from './chart-geometry';
import { formatLocalDate, formatShortDate, incidents } from './format-date';
import { GROUP_COLOURS } from './group-colours';
import { ScrollRegion } from './ScrollRegion';
import { useContainerWidth } from './use-container-width';
import { stackGroupLabel, type WeeklyStacks } from './weekly-stacks';

/** Incidents per week as stacked bars (plain SVG), with a legend and a table alternative. */
export function WeeklyChart({ stacks, withYear }: { stacks: WeeklyStacks; withYear: boolean }) {
  const id = useId();
  const [box, boxWidth] = useContainerWidth<HTMLParagraphElement>(DEFAULT_BAR_OPTIONS.minWidth);
  const layout = useMemo(
    () =>
      barChartLayout(stacks, stacks.groups, {
        ...DEFAULT_BAR_OPTIONS,
        minWidth: Math.max(DEFAULT_BAR_OPTIONS.minWidth, boxWidth),
      }),
    [stacks, boxWidth],
  );
  const busiest = stacks.weeks.reduce<WeeklyStacks['weeks'][number] | undefined>(
    (best, w) => (best === undefined || w.total > best.total ? w : best),
    undefined,
  );
  const description =
    busiest === undefined
      ? 'No incidents yet.'
      : `${stacks.weeks.length === 1 ? 'One week' : `${stacks.weeks.length} weeks`} from ${formatLocalDate(stacks.weeks[0]?.weekStarting ?? '', true)}. The busiest week started ${formatLocalDate(busiest.weekStarting, withYear)}, with ${incidents(busiest.total)}.`;

  return (
    <figure className="chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} className="chart-caption">
        Incidents each week, by kind of behaviour
      </figcaption>
      <p className="hint" id={`${id}-desc`} ref={box}>
        {description} Each incident is counted once, under its most serious behaviour. The most
        recent weeks are on the right.
      </p>
      <div className="chart-with-axis">
        {/* The count axis stays put while the weeks scroll sideways beside it. */}
        <svg
          width={layout.plot.left}
          height={layout.height}
          aria-hidden="true"
          focusable="false"
          className="chart-svg"
        >
          {layout.ticks.map((t) => (
            <text
              key={t.value}
              x={layout.plot.left - 6}
              y={t.y + 4}
              textAnchor="end"
              className="axis-text"
            >
              {t.value}
            </text>
          ))}
        </svg>
        <ScrollRegion className="chart-scroll" labelledBy={`${id}-caption`} startAtEnd>
          <svg
            role="img"
            aria-labelledby={`${id}-caption`}
            aria-describedby={`${id}-desc`}
            width={layout.width - layout.plot.left}
            height={layout.height}
            viewBox={`${layout.plot.left} 0 ${layout.width - layout.plot.left} ${layout.height}`}
            className="chart-svg"
          >
            <title>Incidents each week, by kind of behaviour</title>
            {layout.ticks.map((t) => (
              <line
                key={t.value}
                x1={layout.plot.left}
                x2={layout.width}
                y1={t.y}
                y2={t.y}
                className={t.value === 0 ? 'axis-line' : 'grid-line'}
              />
            ))}
            {layout.bars.map((bar) => (
              <g key={bar.week}>
                <title>{`Week starting ${formatLocalDate(bar.weekStarting, true)}: ${incidents(bar.total)}`}</title>
                {bar.segments.map((s) => (
                  <rect
                    key={s.group}
                    x={bar.x}
                    y={s.y}
                    width={bar.width}
                    height={s.height}
                    fill={GROUP_COLOURS[s.group]}
                    className="bar-segment"
                  />
                ))}
              </g>
            ))}
            {layout.labels.map((l) => (
              <text
                key={l.weekStarting}
                x={Math.max(l.x, layout.plot.left + 16)}
                y={layout.plot.bottom + 18}
                textAnchor="middle"
                className="axis-text"
              >
                {formatShortDate(l.weekStarting)}
              </text>
            ))}
          </svg>
        </ScrollRegion>
      </div>
      <ul className="legend" aria-label="Key">
        {stacks.groups.map((g) => (
          <li key={g}>
            <svg width="14" height="14" aria-hidden="true" focusable="false">
              <rect width="14" height="14" rx="2" fill={GROUP_COLOURS[g]} />
            </svg>
            {stackGroupLabel(g)}
          </li>
        ))}
      </ul>
      <details className="table-alternative">
        <summary>Show the weeks as a table</summary>
        <ScrollRegion className="table-scroll" label="Weeks table">
          <table>
            <caption className="visually-hidden">Incidents each week, by kind of behaviour</caption>
            <thead>
              <tr>
                <th scope="col">Week starting</th>
                <th scope="col">Incidents</th>
                {stacks.groups.map((g) => (
                  <th key={g} scope="col">
                    {stackGroupLabel(g)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {stacks.weeks.map((w) => (
                <tr key={w.week}>
                  <th scope="row">{formatLocalDate(w.weekStarting, withYear)}</th>
                  <td>{w.total}</td>
                  {stacks.groups.map((g) => (
                    <td key={g}>{w.counts[g] ?? 0}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </details>
    </figure>
  );
}
