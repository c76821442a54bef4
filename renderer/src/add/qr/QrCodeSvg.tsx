/** The dark modules of a QR code, as the encoder gives them. */
export interface QrModules {
  size: number;
  get(row: number, col: number): number;
}

/** White border the QR specification asks for, in modules: scanners need it to find the code. */
const QUIET = 4;

/** One SVG path with a unit square per dark module (runs on a row merged), so thousands of modules are one element. */
export function modulesPath(modules: QrModules): string {
  const parts: string[] = [];
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (!modules.get(row, col)) continue;
      let run = 1;
      while (col + run < modules.size && modules.get(row, col + run)) run++;
      parts.push(`M${col + QUIET} ${row + QUIET}h${run}v1h-${run}z`);
      col += run - 1;
    }
  }
  return parts.join('');
}

/**
 * A QR code drawn as SVG in the page: no image URL, no canvas, nothing fetched. Always dark on white, whatever the
 * theme, because that is what every scanner reads best.
 */
export function QrCodeSvg({ modules, label, size = 232 }: { modules: QrModules; label: string; size?: number }) {
  const side = modules.size + QUIET * 2;
  return (
    <svg className="qr-code" role="img" aria-label={label} width={size} height={size} viewBox={`0 0 ${side} ${side}`} shapeRendering="crispEdges">
      <rect width={side} height={side} fill="#fff" />
      <path d={modulesPath(modules)} fill="#000" />
    </svg>
  );
}
