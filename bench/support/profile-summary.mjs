// Where the time went, from Chromium itself: the busy time of each thread (top-level tasks in
// a trace) and the UI thread's JavaScript by self time (a V8 CPU profile). Used by
// bench/diary-web.mjs with BENCH_PROFILE=1; nothing here reads the casebook's data.

let traces = 0;

/** Starts a trace of the whole browser and a CPU profile of the page's main thread. */
export async function startProfile(browser, page) {
  const tracer = await browser.newBrowserCDPSession();
  const events = [];
  tracer.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  await tracer.send('Tracing.start', {
    traceConfig: {
      // BENCH_TRACE_WORKERS=1 samples every thread's JavaScript too (workers included), for a
      // trace written to BENCH_TRACE_FILE; it slows the run, so it is off by default.
      includedCategories: [
        'toplevel',
        'devtools.timeline',
        '__metadata',
        ...(process.env.BENCH_TRACE_WORKERS ? ['disabled-by-default-v8.cpu_profiler'] : []),
      ],
    },
    transferMode: 'ReportEvents',
  });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  return async function stop() {
    const { profile } = await cdp.send('Profiler.stop');
    const complete = new Promise((resolve) => tracer.once('Tracing.tracingComplete', resolve));
    await tracer.send('Tracing.end');
    await complete;
    if (process.env.BENCH_TRACE_FILE) {
      const { writeFile } = await import('node:fs/promises');
      traces++;
      const file = process.env.BENCH_TRACE_FILE.replace(/(\.json)?$/, `-${traces}.json`);
      await writeFile(file, JSON.stringify({ traceEvents: events }));
    }
    return { threads: busyByThread(events), functions: selfTimeByFunction(profile) };
  };
}

function busyByThread(events) {
  const names = new Map();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args.name);
  }
  const busy = new Map();
  for (const e of events) {
    if (e.ph !== 'X' || e.name !== 'ThreadControllerImpl::RunTask' || !e.dur) continue;
    const name = names.get(`${e.pid}:${e.tid}`) ?? `thread ${e.tid}`;
    busy.set(name, (busy.get(name) ?? 0) + e.dur / 1000);
  }
  return [...busy.entries()]
    .filter(([, ms]) => ms >= 20)
    .sort((a, b) => b[1] - a[1])
    .map(([thread, ms]) => ({ thread, ms: Math.round(ms) }));
}

function selfTimeByFunction(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const deltas = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]);
    const ms = (deltas[i + 1] ?? 0) / 1000;
    const f = node.callFrame;
    const where = f.url ? `${f.url.split('/').pop()}:${f.lineNumber + 1}` : '';
    const key = `${f.functionName || '(anonymous)'} ${where}`.trim();
    self.set(key, (self.get(key) ?? 0) + ms);
  }
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 15)
    .map(([fn, ms]) => ({ fn, ms: Math.round(ms) }));
}
