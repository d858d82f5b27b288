const xmlEscape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A vertical bar chart as SVG: one bar per label, the count above it, the label below. Text is
 * drawn in `font` (a registered pdfmake font), so it is embedded like the rest.
 */
export function barChartSvg(
  bars: readonly { readonly label: string; readonly count: number }[],
  width: number,
  height: number,
  font: string,
): string {
  const max = Math.max(1, ...bars.map((b) => b.count));
  const top = 14;
  const bottom = 30;
  const left = 4;
  const plot = height - top - bottom;
  const slot = (width - left * 2) / Math.max(1, bars.length);
  const barWidth = Math.max(2, Math.min(40, slot * 0.7));
  const every = Math.max(1, Math.ceil(bars.length / Math.floor(width / 38)));
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<line x1="${left}" y1="${top + plot}" x2="${width - left}" y2="${top + plot}" stroke="#444444" stroke-width="0.8"/>`,
  ];
  bars.forEach((b, i) => {
    const h = (b.count / max) * plot;
    const cx = left + slot * i + slot / 2;
    const x = cx - barWidth / 2;
    parts.push(
      `<rect x="${x.toFixed(2)}" y="${(top + plot - h).toFixed(2)}" width="${barWidth.toFixed(2)}" height="${h.toFixed(2)}" fill="#2b4c7e"/>`,
    );
    if (b.count > 0 && slot >= 12) {
      parts.push(
        `<text x="${cx.toFixed(2)}" y="${(top + plot - h - 3).toFixed(2)}" font-family="${font}" font-size="7" text-anchor="middle" fill="#222222">${b.count}</text>`,
      );
    }
    if (i % every === 0) {
      parts.push(
        `<text x="${cx.toFixed(2)}" y="${(top + plot + 11).toFixed(2)}" font-family="${font}" font-size="7" text-anchor="middle" fill="#222222">${xmlEscape(b.label)}</text>`,
      );
    }
  });
  parts.push('</svg>');
  return parts.join('');
}
