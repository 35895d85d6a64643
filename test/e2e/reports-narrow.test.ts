// Issue 24: /reports on a phone (390×844): every chart's row labels fit (wrapped onto lines, never cut off), the
// page does not scroll sideways, and axe-core finds nothing.
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { axeViolations } from '../support/axe.ts';
import { collectPageProblems, launchChromiumOrSkip, keepScreenshot } from '../support/chromium.ts';
import { startReportsServer, type ReportsServer } from '../support/reports-server.ts';

const PHONE = { width: 390, height: 844 };

interface LabelFit {
  chart: string;
  label: string;
  widthPx: number;
  roomPx: number;
}

/** What the test reads of a Chart.js chart: its axis, labels, canvas and the y scale's geometry and tick font. */
interface DrawnChart {
  options: { indexAxis?: string };
  data: { labels: Array<string | string[]> };
  ctx: CanvasRenderingContext2D;
  canvas: HTMLCanvasElement;
  scales: {
    y: {
      right: number;
      options: { ticks: { padding?: number }; grid?: { tickLength?: number } };
      _resolveTickFontOptions(i: number): { string: string };
    };
  };
}

describe('reports on a phone (issue 24)', function () {
  this.timeout(60_000);
  let browser: Browser;
  let s: ReportsServer;
  let page: Page;
  const problems: string[] = [];

  before(async function () {
    browser = await launchChromiumOrSkip(this);
    s = await startReportsServer();
    page = await browser.newPage({ viewport: PHONE, locale: 'en-GB', timezoneId: 'Europe/London' });
    collectPageProblems(page, problems);
  });
  after(async () => {
    await browser?.close();
    await s?.stop();
  });

  it('given a month of introductions, when a coordinator reads /reports at 390 px, then every chart label fits and nothing scrolls sideways', async () => {
    await page.goto(`${s.url}/reports?from=2026-10-01&to=2026-10-31`);
    await page.waitForSelector('html[data-charts-ready="true"]');
    const misfits = await page.evaluate(() => {
      const charts = Object.values(
        (window as unknown as { Chart: { instances: Record<string, DrawnChart> } }).Chart.instances,
      );
      const out: LabelFit[] = [];
      for (const chart of charts) {
        if (chart.options.indexAxis !== 'y') continue;
        const y = chart.scales.y;
        const ctx = chart.ctx;
        ctx.save();
        ctx.font = y._resolveTickFontOptions(0).string;
        for (const label of chart.data.labels) {
          for (const line of Array.isArray(label) ? label : [label]) {
            const widthPx = ctx.measureText(line).width;
            // The labels are drawn right-aligned at the scale's right edge, less the tick padding: they must start inside the canvas.
            const roomPx = y.right - (y.options.ticks.padding ?? 0) - (y.options.grid?.tickLength ?? 0);
            if (widthPx > roomPx + 0.5) out.push({ chart: chart.canvas.id, label: line, widthPx, roomPx });
          }
        }
        ctx.restore();
      }
      return out;
    });
    expect(misfits, JSON.stringify(misfits)).to.deep.equal([]);
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(sideways).to.be.at.most(0);
    expect(await axeViolations(page)).to.deep.equal([]);
    await keepScreenshot(page, '24-reports-390.png');
    expect(problems).to.deep.equal([]);
  });
});
