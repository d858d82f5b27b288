import { type Heatmap, WEEKDAYS } from '@casebook/core';
import { useId } from 'react';
import { hourRange, incidents } from './format-date';
import { busiestTimes, HEAT_SHADES, heatLevel, levelRanges } from './heatmap-scale';
import { ScrollRegion } from './ScrollRegion';
import { useContainerWidth } from './use-container-width';

const MIN_CELL = 10;
const MAX_CELL = 26;
const GAP = 2;
const LEFT = 36;
const TOP = 18;
const HOURS = Array.from({ length: 24 }, (_, h) => h);

/** When in the week things happen: weekday × hour as an SVG grid, with a table alternative. */
export function HeatmapChart({ heatmap }: { heatmap: Heatmap }) {
  const id = useId();
  const [box, boxWidth] = useContainerWidth<HTMLParagraphElement>(0);
  // Cells grow with the screen, between a size that can be seen and one that is not shouty.
  const size = Math.min(MAX_CELL, Math.max(MIN_CELL, Math.floor((boxWidth - LEFT) / 24) - GAP));
  const width = LEFT + 24 * (size + GAP);
  const height = TOP + 7 * (size + GAP) + 4;
  const busy = busiestTimes(heatmap);
  const ranges = levelRanges(heatmap.max);
  const description =
    busy.length === 0
      ? 'No incidents yet.'
      : `Busiest: ${busy.map((b) => `${b.weekday} ${b.hours} (${b.count})`).join('; ')}.`;

  return (
    <figure className="chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} className="chart-caption">
        Day of the week and time of day
      </figcaption>
      <p className="hint" id={`${id}-desc`} ref={box}>
        {description} Times are as on the clock where each incident happened. Darker means more.
      </p>
      <ScrollRegion className="chart-scroll" labelledBy={`${id}-caption`}>
        <svg
          role="img"
          aria-labelledby={`${id}-caption`}
          aria-describedby={`${id}-desc`}
          width={width}
          height={height}
          viewBox={`0 0 ${width} ${height}`}
          className="chart-svg"
        >
          <title>Day of the week and time of day</title>
          {[0, 6, 12, 18].map((h) => (
            <text key={h} x={LEFT + h * (size + GAP)} y={TOP - 6} className="axis-text">
              {`${String(h).padStart(2, '0')}:00`}
            </text>
          ))}
          {heatmap.cells.map((row, day) => (
            <g key={WEEKDAYS[day]}>
              <text
                x={LEFT - 6}
                y={TOP + day * (size + GAP) + size / 2 + 4}
                textAnchor="end"
                className="axis-text"
              >
                {WEEKDAYS[day]?.slice(0, 3)}
              </text>
              {row.map((c, hour) => (
                <rect
                  key={HOURS[hour]}
                  x={LEFT + hour * (size + GAP)}
                  y={TOP + day * (size + GAP)}
                  width={size}
                  height={size}
                  rx={2}
                  fill={HEAT_SHADES[heatLevel(c.count, heatmap.max)]}
                  className="heat-cell"
                >
                  <title>{`${WEEKDAYS[day]} ${hourRange(hour)}: ${incidents(c.count)}`}</title>
                </rect>
              ))}
            </g>
          ))}
        </svg>
      </ScrollRegion>
      <ul className="legend" aria-label="Key">
        {HEAT_SHADES.map((shade, level) =>
          ranges[level] === '' ? null : (
            <li key={shade}>
              <svg width="14" height="14" aria-hidden="true" focusable="false">
                <rect width="14" height="14" rx="2" fill={shade} className="heat-cell" />
              </svg>
              {level === 0 ? 'None' : ranges[level]}
            </li>
          ),
        )}
      </ul>
      <details className="table-alternative">
        <summary>Show the days and times as a table</summary>
        <ScrollRegion className="table-scroll" label="Days and times table">
          <table className="heat-table">
            <caption className="visually-hidden">
              Incidents by day of the week (rows) and hour of the day (columns)
            </caption>
            <thead>
              <tr>
                <th scope="col">Day</th>
                {HOURS.map((h) => (
                  <th key={h} scope="col">
                    <span className="visually-hidden">{hourRange(h)}</span>
                    <span aria-hidden="true">{String(h).padStart(2, '0')}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {heatmap.cells.map((row, day) => (
                <tr key={WEEKDAYS[day]}>
                  <th scope="row">{WEEKDAYS[day]}</th>
                  {row.map((c, hour) => (
                    <td key={HOURS[hour]}>{c.count}</td>
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
