// Chart.js (UMD build, served from this origin as window.Chart) with the dashboard's conventions:
// no animation, series told apart by point shape and dash as well as colour, and every chart
// paired with a data table for screen readers.
import { h } from './dom.js';
import { bandRanges } from './format.js';

const Chart = () => {
  if (!window.Chart) throw new Error('Chart.js did not load from /vendor/chart.umd.min.js');
  return window.Chart;
};

// Okabe-Ito palette (colour-blind safe), with shapes and dashes as a second signal.
const SERIES = [
  { color: '#0072B2', point: 'circle', dash: [] },
  { color: '#D55E00', point: 'rect', dash: [6, 3] },
  { color: '#009E73', point: 'triangle', dash: [2, 2] },
  { color: '#CC79A7', point: 'rectRot', dash: [10, 4] },
  { color: '#E69F00', point: 'star', dash: [4, 2, 1, 2] },
  { color: '#56B4E9', point: 'crossRot', dash: [1, 3] },
  { color: '#000000', point: 'rectRounded', dash: [8, 2] },
];
export const seriesStyle = (i) => SERIES[i % SERIES.length];

/** A canvas with an accessible name; the chart's numbers are also in a table next to it. */
export function chartCanvas(id, label) {
  return h('div', { class: 'chart-box' }, h('canvas', { id, role: 'img', 'aria-label': label }));
}

function stripePattern(color, kind) {
  const c = document.createElement('canvas');
  c.width = c.height = 10;
  const g = c.getContext('2d');
  g.fillStyle = `${color}22`;
  g.fillRect(0, 0, 10, 10);
  g.strokeStyle = `${color}55`;
  g.lineWidth = 1.5;
  if (kind !== 'solid') {
    g.beginPath();
    g.moveTo(0, 10);
    g.lineTo(10, 0);
    if (kind === 'cross-hatch') {
      g.moveTo(0, 0);
      g.lineTo(10, 10);
    }
    g.stroke();
  }
  return g.createPattern(c, 'repeat');
}

/** Background zones for the score bands (text label + pattern + colour), thresholds from the model. */
function bandZonesPlugin(thresholds) {
  const range = bandRanges(thresholds);
  const zones = [
    { from: thresholds.adequate, to: 100, label: `Adequate (${range.adequate})`, color: '#1b7837', kind: 'solid' },
    { from: thresholds.needsImprovement, to: thresholds.adequate, label: `Needs improvement (${range['needs-improvement']})`, color: '#b35806', kind: 'stripes' },
    { from: 0, to: thresholds.needsImprovement, label: `Insufficient (${range.insufficient})`, color: '#b2182b', kind: 'cross-hatch' },
  ];
  return {
    id: 'bandZones',
    beforeDatasetsDraw(chart) {
      const { ctx, chartArea, scales } = chart;
      const y = scales.y;
      ctx.save();
      for (const z of zones) {
        const top = y.getPixelForValue(z.to);
        const bottom = y.getPixelForValue(z.from);
        ctx.fillStyle = stripePattern(z.color, z.kind);
        ctx.fillRect(chartArea.left, top, chartArea.right - chartArea.left, bottom - top);
        ctx.fillStyle = z.color;
        ctx.font = '11px system-ui, sans-serif';
        ctx.textAlign = 'right';
        ctx.fillText(z.label, chartArea.right - 4, top + 12);
      }
      ctx.restore();
    },
  };
}

function replaceChart(canvas, config) {
  Chart().getChart(canvas)?.destroy();
  return new (Chart())(canvas, config);
}

/**
 * One line per country across years. `series` is [{ label, values: (number|null)[] }]; nulls are
 * gaps (no score, insufficient data), never zeros.
 */
export function lineChart(canvas, { years, series, yTitle, yMax, percent = false, bands = null }) {
  return replaceChart(canvas, {
    type: 'line',
    data: {
      labels: years.map(String),
      datasets: series.map((s, i) => {
        const st = seriesStyle(i);
        return {
          label: s.label,
          data: s.values,
          borderColor: st.color,
          backgroundColor: st.color,
          pointStyle: st.point,
          pointRadius: 5,
          borderDash: st.dash,
          spanGaps: false,
        };
      }),
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'nearest', intersect: false },
      scales: {
        y: {
          min: 0,
          max: yMax,
          title: { display: true, text: yTitle },
          ticks: percent ? { callback: (v) => `${Math.round(v * 100)}%` } : {},
        },
        x: { title: { display: true, text: 'Year' } },
      },
      plugins: {
        legend: { labels: { usePointStyle: true } },
        tooltip: {
          callbacks: {
            label: (c) => `${c.dataset.label}: ${c.raw === null ? 'no value' : percent ? `${(c.raw * 100).toFixed(1)}%` : c.raw.toFixed(1)}`,
          },
        },
      },
    },
    plugins: bands ? [bandZonesPlugin(bands)] : [],
  });
}

/** Horizontal bars: each indicator's normalised value and its effective weight in the score. */
export function indicatorChart(canvas, indicators) {
  return replaceChart(canvas, {
    type: 'bar',
    data: {
      labels: indicators.map((i) => `${i.code} ${i.article}`),
      datasets: [
        {
          label: 'Normalised value (0–100)',
          data: indicators.map((i) => i.normalised),
          backgroundColor: '#0072B2',
          borderColor: '#0072B2',
          borderWidth: 1,
        },
        {
          label: 'Effective weight in the score (%)',
          data: indicators.map((i) => i.effectiveWeight),
          backgroundColor: stripePattern('#D55E00', 'stripes'),
          borderColor: '#D55E00',
          borderWidth: 1,
        },
      ],
    },
    options: {
      animation: false,
      indexAxis: 'y',
      responsive: true,
      maintainAspectRatio: false,
      scales: { x: { min: 0, max: 100 } },
      plugins: {
        tooltip: {
          callbacks: {
            afterLabel: (c) => {
              const i = indicators[c.dataIndex];
              return i.available ? `raw: ${i.numerator} / ${i.denominator}` : `insufficient data: ${i.insufficientReason ?? ''}`;
            },
          },
        },
      },
    },
  });
}
