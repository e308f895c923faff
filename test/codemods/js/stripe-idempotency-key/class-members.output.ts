import Stripe from 'stripe';

export class PaymentsService {
  private readonly platform = new Stripe(process.env.PLATFORM_KEY!);
  private connect: Stripe;

  constructor(private readonly stripe: Stripe, key: string) {
    this.connect = new Stripe(key);
  }

  async charge(booking: { id: string; cents: number }) {
    await this.stripe.paymentIntents.create({
      amount: booking.cents,
      currency: 'usd',
      description: `Booking ${booking.id}`,
    }, { idempotencyKey: `payment-intent-${booking.id}` });
  }

  async fee(bookingId: string) {
    return this.platform.applicationFees.createRefund('fee_123', {}, { idempotencyKey: `application-fee-refund-${bookingId}` });
  }

  async transfer(reservationId: string, amount: number, destination: string) {
    return this.connect.transfers.create({ amount, currency: 'usd', destination }, { idempotencyKey: `transfer-${reservationId}` });
  }
}
