/** Where the browser remembers the chosen theme, and the choices. */
export const THEME_STORAGE_KEY = 'docent-theme';
export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

/**
 * Runs in <head> before the first paint (app/layout.tsx), so a page never flashes the wrong theme: it puts `dark`
 * on <html> for the chosen theme, or for the system's while the choice is "system" (following it as it changes).
 * A string, not a function's source, so what runs is exactly what is read here.
 */
export const THEME_SCRIPT = `(function () {
  var media = window.matchMedia('(prefers-color-scheme: dark)');
  function apply(override) {
    var choice = typeof override === 'string' ? override : null;
    try { choice = choice || localStorage.getItem('${THEME_STORAGE_KEY}'); } catch (e) {}
    var dark = choice === 'dark' || (choice !== 'light' && media.matches);
    var root = document.documentElement;
    root.classList.toggle('dark', dark);
    root.style.colorScheme = dark ? 'dark' : 'light';
  }
  apply();
  media.addEventListener('change', function () { apply(); });
  window.addEventListener('storage', function () { apply(); });
  window.__docentApplyTheme = apply;
})();`;
