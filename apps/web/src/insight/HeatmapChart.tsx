import { type Heatmap, WEEKDAYS } from '@casebook/core';
import { useId } from 'react';
import { hourRange, incidents } from './format-date';
import { busiestTimes, HEAT_SHADES, heatLevel, levelRanges } from './heatmap-scale';
import { ScrollRegion } from './ScrollRegion';

const CELL = 14;
const GAP = 2;
const LEFT = 36;
const TOP = 18;
const HOURS = Array.from({ length: 24 }, (_, h) => h);

/** When in the week things happen: weekday × hour as an SVG grid, with a table alternative. */
export function HeatmapChart({ heatmap }: { heatmap: Heatmap }) {
  const id = useId();
  const width = LEFT + 24 * (CELL + GAP);
  const height = TOP + 7 * (CELL + GAP) + 4;
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
      <p className="hint" id={`${id}-desc`}>
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
            <text key={h} x={LEFT + h * (CELL + GAP)} y={TOP - 6} className="axis-text">
              {`${String(h).padStart(2, '0')}:00`}
            </text>
          ))}
          {heatmap.cells.map((row, day) => (
            <g key={WEEKDAYS[day]}>
              <text
                x={LEFT - 6}
                y={TOP + day * (CELL + GAP) + CELL - 3}
                textAnchor="end"
                className="axis-text"
              >
                {WEEKDAYS[day]?.slice(0, 3)}
              </text>
              {row.map((cell, hour) => (
                <rect
                  key={HOURS[hour]}
                  x={LEFT + hour * (CELL + GAP)}
                  y={TOP + day * (CELL + GAP)}
                  width={CELL}
                  height={CELL}
                  rx={2}
                  fill={HEAT_SHADES[heatLevel(cell.count, heatmap.max)]}
                  className="heat-cell"
                >
                  <title>{`${WEEKDAYS[day]} ${hourRange(hour)}: ${incidents(cell.count)}`}</title>
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
                  {row.map((cell, hour) => (
                    <td key={HOURS[hour]}>{cell.count}</td>
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
