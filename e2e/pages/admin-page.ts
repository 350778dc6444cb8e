import { expect, type Locator, type Page } from '@playwright/test';

export type ChartName = 'requests' | 'latency' | 'errors' | 'pool' | 'cache' | 'chat' | 'llm' | 'tokens' | 'cost';

export type StatName = 'requests' | 'p95' | 'chat-p95' | 'errors' | 'cost';

/** The /admin dashboard as an administrator sees it: live charts, the database and maintenance. */
export class AdminPage {
  readonly heading: Locator;
  readonly updated: Locator;
  readonly charts: Locator;
  readonly maintenanceRows: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Admin' });
    this.updated = page.getByTestId('admin-updated');
    this.charts = page.locator('[data-testid^="chart-"]');
    this.maintenanceRows = page.getByTestId('maintenance-row');
  }

  async goto() {
    await this.page.goto('/admin');
    await expect(this.heading).toBeVisible();
  }

  chart(name: ChartName): Locator {
    return this.page.getByTestId(`chart-${name}`);
  }

  /** The lines, areas or bars Recharts drew for a chart's data. */
  chartMarks(name: ChartName): Locator {
    return this.chart(name).locator('svg.recharts-surface').locator('path.recharts-curve, .recharts-bar-rectangle');
  }

  /** Waits (through the page's own polling) until the chart draws data from the live samples. */
  async expectChartDrawn(name: ChartName, timeout = 45_000) {
    await expect
      .poll(() => this.chartMarks(name).count(), { message: `the ${name} chart draws data`, timeout })
      .toBeGreaterThan(0);
  }

  /** A count in the feedback section: thumbs up, thumbs down, or votes with a comment. */
  feedbackCount(kind: 'up' | 'down' | 'comments'): Locator {
    return this.page.getByTestId(`feedback-${kind}`);
  }

  /** The feedback section's latest comments. */
  feedbackComments(): Locator {
    return this.page.getByTestId('feedback-comment');
  }

  stat(id: StatName): Locator {
    return this.page.getByTestId(`stat-${id}`);
  }

  /**
   * A tile and the chart series it reads, at one moment: the tile's number, the chart it names, and the series
   * that chart was given (its `data-series`), read together so a poll between the reads cannot split them.
   */
  async tileAndSeries(id: StatName, key: string) {
    return this.page.evaluate(
      ({ id, key }) => {
        const tile = document.querySelector<HTMLElement>(`[data-testid="stat-${id}"]`)!;
        const chart = document.querySelector<HTMLElement>(`[data-testid="chart-${tile.dataset.chart}"]`)!;
        const series = (JSON.parse(chart.dataset.series ?? '{}') as Record<string, Array<number | null>>)[key] ?? [];
        return { text: tile.textContent ?? '', value: tile.dataset.value === '' ? null : Number(tile.dataset.value), series };
      },
      { id, key },
    );
  }

  /** The failed-ingestion count in the database overview, a link when there are failures. */
  failedCount(): Locator {
    return this.page.getByTestId('queue-failed');
  }

  failedDocument(title: string): Locator {
    return this.page.getByTestId('failed-document').filter({ hasText: title });
  }

  maintenanceRow(task: string): Locator {
    return this.maintenanceRows.and(this.page.locator(`[data-task=${JSON.stringify(task)}]`));
  }

  /** Presses the task's "Run now" and returns where its outcome appears. */
  async runMaintenance(task: string): Promise<Locator> {
    const row = this.maintenanceRow(task);
    await row.getByRole('button', { name: /^Run now\b/ }).click();
    return row.getByTestId('maintenance-outcome');
  }
}
