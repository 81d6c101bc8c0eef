export * from "./document.js";
export { documentValueFormatter } from "./format-value.js";
export { renderHtml, escapeHtml } from "./render/html.js";
export { renderTab } from "./render/tab.js";
