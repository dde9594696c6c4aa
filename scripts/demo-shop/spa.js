// The single-page app's router: it runs before the async widget and rewrites the URL at once, dropping the query.
history.replaceState(null, '', '/spa/welcome');
document.addEventListener('DOMContentLoaded', () => {
  document.getElementById('route').textContent = 'Welcome (' + location.pathname + ')';
});
