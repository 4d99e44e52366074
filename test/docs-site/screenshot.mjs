// A screenshot reduced to what a loose comparison needs: Chromium itself decodes the PNG (no image library),
// and the picture becomes a grid of cells, each with its mean luminance and its spread (text makes spread,
// empty panels do not). Two grids are alike when, on average, their cells differ little in both: an edit of
// the README's wording passes, a page without its styles, navigation or content does not.

const COLUMNS = 16;
const ROWS = 10;

/** Decodes `png` in `page` and measures it: `{ width, height, spread, colours, grid }`. */
export function measureShot(page, png) {
  return page.evaluate(
    async ({ data, columns, rows }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${data}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d');
      context.drawImage(image, 0, 0);
      const { data: pixels } = context.getImageData(0, 0, image.width, image.height);
      const cells = Array.from({ length: columns * rows }, () => ({ sum: 0, squares: 0, count: 0 }));
      const colours = new Set();
      let sum = 0;
      let squares = 0;
      for (let y = 0; y < image.height; y++) {
        for (let x = 0; x < image.width; x++) {
          const at = (y * image.width + x) * 4;
          const luminance = (0.2126 * pixels[at] + 0.7152 * pixels[at + 1] + 0.0722 * pixels[at + 2]) / 255;
          const cell = cells[Math.floor((y * rows) / image.height) * columns + Math.floor((x * columns) / image.width)];
          cell.sum += luminance;
          cell.squares += luminance * luminance;
          cell.count++;
          sum += luminance;
          squares += luminance * luminance;
          if ((x + y) % 7 === 0)
            colours.add((pixels[at] >> 3) * 1024 + (pixels[at + 1] >> 3) * 32 + (pixels[at + 2] >> 3));
        }
      }
      const n = image.width * image.height;
      const round = (value) => Math.round(value * 1000) / 1000;
      const spreadOf = (s, q, c) => Math.sqrt(Math.max(0, q / c - (s / c) ** 2));
      return {
        width: image.width,
        height: image.height,
        spread: round(spreadOf(sum, squares, n)),
        colours: colours.size,
        grid: cells.map((cell) => [round(cell.sum / cell.count), round(spreadOf(cell.sum, cell.squares, cell.count))]),
      };
    },
    { data: png.toString('base64'), columns: COLUMNS, rows: ROWS },
  );
}

/** Compares two grids from `measureShot`: `{ ok, detail }`. */
export function compareShots(grid, baseline) {
  if (grid.length !== baseline.length)
    return { ok: false, detail: `${grid.length} cells, baseline ${baseline.length}` };
  let mean = 0;
  let spread = 0;
  let far = 0;
  for (const [index, [m, s]] of grid.entries()) {
    const [bm, bs] = baseline[index];
    mean += Math.abs(m - bm) / grid.length;
    spread += Math.abs(s - bs) / grid.length;
    if (Math.abs(m - bm) > 0.25 || Math.abs(s - bs) > 0.25) far++;
  }
  const ok = mean < 0.05 && spread < 0.06 && far <= grid.length / 10;
  return { ok, detail: `mean luminance ${mean.toFixed(3)}, spread ${spread.toFixed(3)}, ${far} cells far apart` };
}
