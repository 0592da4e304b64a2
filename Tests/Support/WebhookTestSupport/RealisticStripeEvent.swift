/// A Stripe `invoice.payment_failed` event as Stripe sends it (pretty-printed, the fields of a 2024-06-20 Invoice,
/// non-ASCII text, nested line items), for tests where the fields InvoiceRelay ignores must not matter.
package enum RealisticStripeEvent {
    package static let invoicePaymentFailed = #"""
{
  "id": "evt_1QxRealistic0001",
  "object": "event",
  "api_version": "2024-06-20",
  "created": 1764000000,
  "data": {
    "object": {
      "id": "in_1QxRealistic0001",
      "object": "invoice",
      "account_country": "DE",
      "account_name": "Acme GmbH",
      "account_tax_ids": null,
      "amount_due": 11900,
      "amount_paid": 0,
      "amount_remaining": 11900,
      "amount_shipping": 0,
      "application": null,
      "application_fee_amount": null,
      "attempt_count": 1,
      "attempted": true,
      "auto_advance": true,
      "automatic_tax": {
        "enabled": false,
        "liability": null,
        "status": null
      },
      "billing_reason": "subscription_cycle",
      "charge": "ch_1QxRealistic0001",
      "collection_method": "charge_automatically",
      "created": 1763990000,
      "currency": "eur",
      "custom_fields": null,
      "customer": "cus_Realistic0001",
      "customer_address": {
        "city": "München",
        "country": "DE",
        "line1": "Leopoldstraße 1",
        "line2": null,
        "postal_code": "80802",
        "state": null
      },
      "customer_email": "jose@example.com",
      "customer_name": "José Müller",
      "customer_phone": "+49 89 1234567",
      "customer_shipping": null,
      "customer_tax_exempt": "none",
      "customer_tax_ids": [],
      "default_payment_method": null,
      "default_source": null,
      "default_tax_rates": [],
      "description": null,
      "discount": null,
      "discounts": [],
      "due_date": null,
      "effective_at": 1763990100,
      "ending_balance": 0,
      "footer": null,
      "from_invoice": null,
      "hosted_invoice_url": "https://invoice.stripe.com/i/acct_1Realistic/live_YWNjdF8xUmVhbGlzdGlj",
      "invoice_pdf": "https://pay.stripe.com/invoice/acct_1Realistic/live_YWNjdF8xUmVhbGlzdGlj/pdf?s=ap",
      "issuer": {
        "type": "self"
      },
      "last_finalization_error": null,
      "latest_revision": null,
      "lines": {
        "object": "list",
        "data": [
          {
            "id": "il_1QxRealistic0001",
            "object": "line_item",
            "amount": 10000,
            "amount_excluding_tax": 10000,
            "currency": "eur",
            "description": "1 × Pro plan (at €100.00 / month)",
            "discount_amounts": [],
            "discountable": true,
            "discounts": [],
            "invoice": "in_1QxRealistic0001",
            "livemode": true,
            "metadata": {},
            "period": {
              "end": 1766582000,
              "start": 1763990000
            },
            "plan": {
              "id": "price_1Pro",
              "object": "plan",
              "active": true,
              "aggregate_usage": null,
              "amount": 10000,
              "amount_decimal": "10000",
              "billing_scheme": "per_unit",
              "created": 1700000000,
              "currency": "eur",
              "interval": "month",
              "interval_count": 1,
              "livemode": true,
              "metadata": {},
              "meter": null,
              "nickname": null,
              "product": "prod_Pro",
              "tiers_mode": null,
              "transform_usage": null,
              "trial_period_days": null,
              "usage_type": "licensed"
            },
            "price": {
              "id": "price_1Pro",
              "object": "price",
              "active": true,
              "billing_scheme": "per_unit",
              "created": 1700000000,
              "currency": "eur",
              "custom_unit_amount": null,
              "livemode": true,
              "lookup_key": null,
              "metadata": {},
              "nickname": null,
              "product": "prod_Pro",
              "recurring": {
                "aggregate_usage": null,
                "interval": "month",
                "interval_count": 1,
                "meter": null,
                "trial_period_days": null,
                "usage_type": "licensed"
              },
              "tax_behavior": "exclusive",
              "tiers_mode": null,
              "transform_quantity": null,
              "type": "recurring",
              "unit_amount": 10000,
              "unit_amount_decimal": "10000"
            },
            "proration": false,
            "proration_details": {
              "credited_items": null
            },
            "quantity": 1,
            "subscription": "sub_1Realistic",
            "subscription_item": "si_Realistic",
            "tax_amounts": [
              {
                "amount": 1900,
                "inclusive": false,
                "tax_rate": "txr_1DE19",
                "taxability_reason": null,
                "taxable_amount": 10000
              }
            ],
            "tax_rates": [],
            "type": "subscription",
            "unit_amount_excluding_tax": "10000"
          }
        ],
        "has_more": false,
        "total_count": 1,
        "url": "/v1/invoices/in_1QxRealistic0001/lines"
      },
      "livemode": true,
      "metadata": {
        "locale": "de-DE",
        "time_zone": "Europe/Berlin"
      },
      "next_payment_attempt": 1764259200,
      "number": "ACME-0042",
      "on_behalf_of": null,
      "paid": false,
      "paid_out_of_band": false,
      "payment_intent": "pi_1QxRealistic0001",
      "payment_settings": {
        "default_mandate": null,
        "payment_method_options": null,
        "payment_method_types": null
      },
      "period_end": 1763990000,
      "period_start": 1761398000,
      "post_payment_credit_notes_amount": 0,
      "pre_payment_credit_notes_amount": 0,
      "quote": null,
      "receipt_number": null,
      "rendering": null,
      "shipping_cost": null,
      "shipping_details": null,
      "starting_balance": 0,
      "statement_descriptor": null,
      "status": "open",
      "status_transitions": {
        "finalized_at": 1763990100,
        "marked_uncollectible_at": null,
        "paid_at": null,
        "voided_at": null
      },
      "subscription": "sub_1Realistic",
      "subscription_details": {
        "metadata": {}
      },
      "subtotal": 10000,
      "subtotal_excluding_tax": 10000,
      "tax": 1900,
      "test_clock": null,
      "total": 11900,
      "total_discount_amounts": [],
      "total_excluding_tax": 10000,
      "total_tax_amounts": [
        {
          "amount": 1900,
          "inclusive": false,
          "tax_rate": "txr_1DE19",
          "taxability_reason": null,
          "taxable_amount": 10000
        }
      ],
      "transfer_data": null,
      "webhooks_delivered_at": 1763990001
    }
  },
  "livemode": true,
  "pending_webhooks": 1,
  "request": {
    "id": null,
    "idempotency_key": null
  },
  "type": "invoice.payment_failed"
}
"""#

    package static var bytes: [UInt8] { Array(invoicePaymentFailed.utf8) }
}
