import { useMemo } from 'react';
import { qrPath } from './qr-path';

/**
 * A QR code drawn in the page as vectors (sharp at any size, on any screen), black on white
 * whatever the theme, so any phone's camera reads it. `label` says what it opens.
 */
export function QrCode({ text, label }: { text: string; label: string }) {
  const { size, path } = useMemo(() => qrPath(text), [text]);
  return (
    <svg className="qr-code" role="img" aria-label={label} viewBox={`0 0 ${size} ${size}`} shapeRendering="crispEdges">
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
