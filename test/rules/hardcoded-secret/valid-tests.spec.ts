// shipguard-test: no-findings
import Stripe from 'stripe';

const stripe = new Stripe('sk_test_u8jzPde0IgxLd6GncfBAepfJ');
const jwtSecret = 'q8$Lm2!vRz7@Kp4#Wx9&Tb3*Hn6^Yc1J';

describe('checkout', () => {
  it('creates a session', async () => {
    expect(await stripe.checkout.sessions.list()).toBeDefined();
    expect(jwtSecret).toHaveLength(32);
  });
});
