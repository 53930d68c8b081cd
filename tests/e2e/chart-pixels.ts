import type { Page } from '@playwright/test';

/**
 * Whether a report's chart is drawn, judged on a screenshot of its plot area: data lines and bars
 * are coloured, while an empty chart's plot area holds only grey grid lines. Answers the share of
 * strongly coloured pixels in the plot area of the `index`th chart.
 */
export async function colouredShareOfPlot(page: Page, index: number): Promise<number> {
  const canvas = page.locator('canvas').nth(index);
  await canvas.scrollIntoViewIfNeeded();
  const area = await canvas.evaluate((element) => {
    const chart = (window as unknown as { Chart: { getChart(canvas: Element): { chartArea: DOMRect } } })
      .Chart;
    const { left, top, right, bottom } = chart.getChart(element).chartArea;
    return { left, top, right, bottom, cssWidth: element.getBoundingClientRect().width };
  });
  const png = await canvas.screenshot();
  return page.evaluate(
    async ({ base64, area }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const scale = image.width / area.cssWidth;
      const [x, y] = [Math.ceil(area.left * scale) + 1, Math.ceil(area.top * scale) + 1];
      const [width, height] = [
        Math.floor((area.right - area.left) * scale) - 2,
        Math.floor((area.bottom - area.top) * scale) - 2,
      ];
      const context = new OffscreenCanvas(width, height).getContext('2d')!;
      context.drawImage(image, x, y, width, height, 0, 0, width, height);
      const { data } = context.getImageData(0, 0, width, height);
      let coloured = 0;
      for (let offset = 0; offset < data.length; offset += 4) {
        const [r, g, b] = [data[offset], data[offset + 1], data[offset + 2]];
        if (Math.max(r, g, b) - Math.min(r, g, b) > 60) coloured += 1;
      }
      return coloured / (width * height);
    },
    { base64: png.toString('base64'), area },
  );
}
