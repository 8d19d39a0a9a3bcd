"""The payment provider and e-mail sender are chosen by configuration."""

from __future__ import annotations

import logging

import pytest

from marketplace_core.notifications.emails import (
    EmailMessage,
    LoggingEmailSender,
    MemoryEmailSender,
    sender_from_setting,
)
from marketplace_core.orders.payments import (
    PaymentDeclined,
    TestPaymentProvider,
    provider_from_setting,
)


def test_the_payment_provider_comes_from_the_setting() -> None:
    assert isinstance(provider_from_setting("test"), TestPaymentProvider)
    dotted = provider_from_setting("marketplace_core.orders.payments:TestPaymentProvider")
    assert isinstance(dotted, TestPaymentProvider)
    assert isinstance(
        provider_from_setting("marketplace_core.orders.payments.TestPaymentProvider"),
        TestPaymentProvider,
    )
    with pytest.raises(ValueError, match="dotted path"):
        provider_from_setting("stripe")


def test_the_test_provider_declines_on_demand_and_charges_once_per_key() -> None:
    provider = TestPaymentProvider(decline_amounts={1234})
    first = provider.charge(user_id=1, amount_cents=500, idempotency_key="k1", description="")
    again = provider.charge(user_id=1, amount_cents=500, idempotency_key="k1", description="")
    assert first == again
    assert provider.total_cents() == 500
    with pytest.raises(PaymentDeclined):
        provider.charge(user_id=1, amount_cents=1234, idempotency_key="k2", description="")
    provider.decline_all = True
    with pytest.raises(PaymentDeclined):
        provider.charge(user_id=1, amount_cents=500, idempotency_key="k3", description="")


def test_the_email_sender_comes_from_the_setting(caplog: pytest.LogCaptureFixture) -> None:
    """R-ORD-10: the default logs each e-mail with the absolute link to the order."""
    sender = sender_from_setting("logging", "https://microtache.example")
    assert isinstance(sender, LoggingEmailSender)
    with caplog.at_level(logging.INFO, logger="marketplace_core.notifications.emails"):
        sender.send(EmailMessage("a@exemple.fr", "Livrée", "Votre commande", "/orders/3"))
    assert "https://microtache.example/orders/3" in caplog.text
    memory = sender_from_setting(
        "marketplace_core.notifications.emails:MemoryEmailSender", "https://m.example"
    )
    assert isinstance(memory, MemoryEmailSender)
    assert memory.base_url == "https://m.example"
