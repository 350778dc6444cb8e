import { expect, type Locator, type Page } from '@playwright/test';

export type ChartName = 'requests' | 'latency' | 'errors' | 'pool' | 'cache' | 'llm' | 'tokens' | 'cost';

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

  stat(id: 'requests' | 'p95' | 'errors' | 'cost'): Locator {
    return this.page.getByTestId(`stat-${id}`);
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
