import { signIn } from '../../../lib/auth';

// no method test: answers every method
async function login(req, res) {
  const user = await signIn(req.body.email, req.body.password);
  res.json({ user });
}

export default login; // expect: unthrottled-sensitive-endpoint
