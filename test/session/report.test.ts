// The report in Markdown and HTML, and the HTML loaded in a real headless chromium: it loads
// without console errors, stays self-contained, and draws every graphed series with its markers.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRecording } from '../../src/session/recording.js';
import { reportHtml } from '../../src/session/report-html.js';
import { reportMarkdown } from '../../src/session/report-md.js';
import { reportModel } from '../../src/session/report-model.js';
import { haveChromium, loadInChromium } from './chromium.js';
import { CPU, scriptedSession } from './support.js';

describe('report', () => {
  it('Markdown: hypothesis before/after, attacks, timeline with notes, undo outcome, series summary', async () => {
    const s = await scriptedSession();
    const md = reportMarkdown(reportModel(loadRecording(s.dir)));
    expect(md).toMatch(/^# Lose one web instance/);
    expect(md).toContain('Losing one web instance keeps the site up');
    expect(md).toMatch(/\| web-asg-healthy \| met \(true\) \| met \(true\) \|/);
    expect(md).toMatch(/\| 1 \| Stop instances \| `chaosaws.ec2.actions.stop_instances` \| i-0aaa111 \|/);
    expect(md).toMatch(/i-0ccc333 \(COUNT\(1\) \(seed 1234\)\)/);
    expect(md).toMatch(/note: baseline looks fine/);
    expect(md).toMatch(/note: CPU is climbing on the other two/);
    expect(md).toMatch(/probe-failed: web ASG healthy/);
    expect(md).toMatch(/halt: operator pressed h \(undid 1\)/);
    expect(md).toMatch(/stop-instances: start i-0aaa111 — \*\*undone\*\*/);
    expect(md).toContain(`min ${Math.min(...CPU)}, max ${Math.max(...CPU)}, last ${CPU.at(-1)}`);
  });

  it('HTML: self-contained, one chart per series with a path and attack markers', async () => {
    const s = await scriptedSession();
    const html = reportHtml(reportModel(loadRecording(s.dir)));
    expect(html).not.toMatch(/<script|<link|src=|url\(|@import/i);
    expect(html.match(/<svg /g)).toHaveLength(1);
    expect(html).toMatch(/<path d="M[\d.]+ [\d.]+ L/);
    expect(html.match(/class="marker start"/g)).toHaveLength(3);
    expect(html.match(/class="marker end"/g)).toHaveLength(2);
    expect(html).toContain('baseline looks fine');
    expect(html).toContain('start i-0aaa111');
  });

  it.skipIf(!haveChromium())(
    'HTML loads in headless chromium without console errors and the charts are drawn',
    async () => {
      const s = await scriptedSession();
      const file = join(s.dir, 'report.html');
      writeFileSync(file, reportHtml(reportModel(loadRecording(s.dir))));
      const page = await loadInChromium(file);
      expect(page.status).toBe(0);
      expect(page.consoleLines).toEqual([]);
      expect(page.dom).toContain('<title>Lose one web instance — gameday report</title>');
      expect(page.dom).toMatch(/<svg[^>]*>.*<path d="M/s);
      expect(page.dom).toMatch(/<\/html>\s*$/);
    },
    90_000,
  );
});

if (!haveChromium())
  console.warn(
    'report.test: /usr/bin/chromium is missing; the browser check is skipped (run scripts/ensure-chromium.sh)',
  );
