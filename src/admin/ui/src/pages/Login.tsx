import { useState } from 'preact/hooks';
import type { Me } from '../../../api-types';
import { api, token } from '../api';

export function Login({ onLogin }: { onLogin: (me: Me) => void }) {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string>();
  const submit = (e: Event) => {
    e.preventDefault();
    token.set(value.trim());
    api.me().then(onLogin, (err: Error) => {
      token.clear();
      setError(err.message);
    });
  };
  return (
    <form class="login" onSubmit={submit}>
      <h1>Vigil</h1>
      <p class="muted">Paste an admin API token (admin.tokens in the policy; the demo prints one). It is kept for this tab only.</p>
      <input type="password" name="token" placeholder="token" value={value} onInput={(e) => setValue((e.target as HTMLInputElement).value)} autoFocus />
      <button type="submit">Sign in</button>
      {error && <p class="error">{error}</p>}
    </form>
  );
}
