// The page the preview renders cards in: the official adaptivecards UMD build, markdown-it for the
// markdown Teams renders in TextBlocks, and a Teams-like chat column in a light and a dark theme.
// The browser side is a plain script (not a function handed to page.evaluate): tsx rewrites
// functions with helpers the browser does not have.

export type Theme = 'light' | 'dark';

export const PREVIEW_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>cards preview</title></head>
<body class="light"><div id="stage"><div id="bubble"></div></div></body></html>`;

// Teams' chat column around a card: the pane, the message bubble, its buttons and links.
export const PREVIEW_CSS = `
body { margin: 0; font-family: 'Segoe UI', 'Liberation Sans', Arial, sans-serif; }
body.light { background: #F5F5F5; --bubble: #FFFFFF; --edge: #E0E0E0; --button: #FFFFFF; --button-text: #242424;
  --button-edge: #D1D1D1; --link: #5B5FC7; --bar: #5B5FC7; --chart-text: #424242; }
body.dark { background: #1F1F1F; --bubble: #292929; --edge: #3D3D3D; --button: #292929; --button-text: #FFFFFF;
  --button-edge: #666666; --link: #7F85F5; --bar: #7F85F5; --chart-text: #D6D6D6; }
#stage { display: inline-block; padding: 16px; background: inherit; }
#bubble { background: var(--bubble); border: 1px solid var(--edge); border-radius: 6px; overflow: hidden; }
.ac-pushButton { font-family: inherit; font-size: 14px; font-weight: 600; min-height: 32px; padding: 4px 12px;
  border-radius: 4px; border: 1px solid var(--button-edge); background: var(--button); color: var(--button-text); }
a.ac-anchor, a.ac-anchor:link, a.ac-anchor:visited { color: var(--link); }
.preview-chart { font-size: 12px; color: var(--chart-text); }
.preview-chart .title { font-weight: 600; margin-bottom: 6px; }
.preview-chart .row { display: flex; align-items: center; gap: 8px; margin: 3px 0; }
.preview-chart .label { flex: 0 0 40%; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.preview-chart .track { flex: 1; display: flex; align-items: center; gap: 6px; }
.preview-chart .bar { height: 12px; background: var(--bar); border-radius: 2px; }
.preview-chart .columns { display: flex; align-items: flex-end; gap: 6px; height: 120px; }
.preview-chart .column { flex: 1; display: flex; flex-direction: column; justify-content: flex-end; align-items: center; height: 100%; }
.preview-chart .column .bar { width: 70%; height: auto; }
.preview-chart .axis { display: flex; gap: 6px; }
.preview-chart .axis div { flex: 1; text-align: center; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
`;

/**
 * Defines window.renderCard({ card, hostConfig, width, theme }) → { ok, warnings }. Teams' Chart.*
 * elements are unknown to the SDK (it would render their fallback); the two bar charts our
 * templates use are drawn here as plain bars, an approximation of what Teams shows.
 */
export const PREVIEW_SCRIPT = `
(function () {
  var AC = window.AdaptiveCards;
  var md = window.markdownit({ html: false, linkify: false, breaks: true });
  AC.AdaptiveCard.onProcessMarkdown = function (text, result) {
    result.outputHtml = md.render(text);
    result.didProcess = true;
  };

  function points(source) {
    return (Array.isArray(source.data) ? source.data : []).filter(function (p) {
      return p && typeof p.y === 'number';
    });
  }

  class PreviewChart extends AC.CardElement {
    internalParse(source, context) {
      super.internalParse(source, context);
      this.previewTitle = typeof source.title === 'string' ? source.title : '';
      this.previewPoints = points(source);
    }
    internalRender() {
      var el = document.createElement('div');
      el.className = 'preview-chart';
      if (this.previewTitle) {
        var title = document.createElement('div');
        title.className = 'title';
        title.textContent = this.previewTitle;
        el.appendChild(title);
      }
      var max = Math.max.apply(null, this.previewPoints.map(function (p) { return Math.abs(p.y); }).concat([1]));
      this.draw(el, this.previewPoints, max);
      return el;
    }
  }

  class HorizontalBar extends PreviewChart {
    getJsonTypeName() { return 'Chart.HorizontalBar'; }
    draw(el, data, max) {
      data.forEach(function (p) {
        var row = document.createElement('div');
        row.className = 'row';
        row.innerHTML = '<div class="label"></div><div class="track"><div class="bar"></div><span></span></div>';
        row.querySelector('.label').textContent = String(p.x);
        row.querySelector('.bar').style.width = Math.max(1, (Math.abs(p.y) / max) * 80) + '%';
        row.querySelector('span').textContent = String(p.y);
        el.appendChild(row);
      });
    }
  }

  class VerticalBar extends PreviewChart {
    getJsonTypeName() { return 'Chart.VerticalBar'; }
    draw(el, data, max) {
      var columns = document.createElement('div');
      columns.className = 'columns';
      var axis = document.createElement('div');
      axis.className = 'axis';
      data.forEach(function (p) {
        var column = document.createElement('div');
        column.className = 'column';
        column.innerHTML = '<span></span><div class="bar"></div>';
        column.querySelector('span').textContent = String(p.y);
        column.querySelector('.bar').style.height = Math.max(1, (Math.abs(p.y) / max) * 85) + '%';
        columns.appendChild(column);
        var label = document.createElement('div');
        label.textContent = String(p.x);
        axis.appendChild(label);
      });
      el.appendChild(columns);
      el.appendChild(axis);
    }
  }

  AC.GlobalRegistry.elements.register('Chart.HorizontalBar', HorizontalBar, AC.Versions.v1_0);
  AC.GlobalRegistry.elements.register('Chart.VerticalBar', VerticalBar, AC.Versions.v1_0);

  window.renderCard = function (input) {
    document.body.className = input.theme;
    var bubble = document.getElementById('bubble');
    bubble.style.width = input.width + 'px';
    bubble.innerHTML = '';
    var card = new AC.AdaptiveCard();
    card.hostConfig = new AC.HostConfig(input.hostConfig);
    var context = new AC.SerializationContext();
    card.parse(input.card, context);
    var warnings = [];
    for (var i = 0; i < context.eventCount; i++) warnings.push(context.getEventAt(i).message);
    var element = card.render();
    if (!element) return { ok: false, warnings: warnings };
    bubble.appendChild(element);
    return { ok: true, warnings: warnings };
  };
})();
`;
