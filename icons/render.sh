#!/usr/bin/env bash
# Renders the app icon from highwater.svg into every size and format the platforms need.
# Needs: rsvg-convert (Debian: librsvg2-bin) and ImageMagick's convert (Debian: imagemagick).
# Writes icons/png/, icons/highwater.ico (Windows), icons/highwater.icns is made on macOS by iconutil from
# icons/highwater.iconset, and the PNGs the app loads at run time under src/main/resources.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
res="$here/../src/main/resources/dev/highwater/ui/icons"
mkdir -p "$here/png" "$res" "$here/highwater.iconset"
for size in 16 24 32 48 64 128 256 512; do
  rsvg-convert -w "$size" -h "$size" "$here/highwater.svg" -o "$here/png/highwater-$size.png"
  cp "$here/png/highwater-$size.png" "$res/highwater-$size.png"
done
# Windows: one .ico holding the sizes Explorer and the taskbar use.
convert "$here/png/highwater-16.png" "$here/png/highwater-24.png" "$here/png/highwater-32.png" \
        "$here/png/highwater-48.png" "$here/png/highwater-64.png" "$here/png/highwater-256.png" "$here/highwater.ico"
# macOS: the iconset iconutil turns into highwater.icns (iconutil -c icns icons/highwater.iconset).
for size in 16 32 128 256 512; do
  rsvg-convert -w "$size" -h "$size" "$here/highwater.svg" -o "$here/highwater.iconset/icon_${size}x${size}.png"
  double=$((size * 2))
  rsvg-convert -w "$double" -h "$double" "$here/highwater.svg" -o "$here/highwater.iconset/icon_${size}x${size}@2x.png"
done
