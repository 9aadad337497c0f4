import type { Locale } from '@bancada/shared';

export const BILLING_MESSAGES = {
  'billing.invoice_not_found': {
    'pt-BR': 'Fatura não encontrada',
    es: 'Factura no encontrada',
    en: 'Invoice not found',
  },
  'billing.invoice_link_invalid': {
    'pt-BR': 'Link de fatura inválido. Peça um novo link à oficina.',
    es: 'Enlace de factura no válido. Pida un nuevo enlace al taller.',
    en: 'Invalid invoice link. Ask the shop for a new one.',
  },
  'billing.invoice_link_expired': {
    'pt-BR': 'Este link de fatura venceu. Peça um novo link à oficina.',
    es: 'Este enlace de factura venció. Pida un nuevo enlace al taller.',
    en: 'This invoice link has expired. Ask the shop for a new one.',
  },
  'billing.payment_not_found': {
    'pt-BR': 'Pagamento não encontrado',
    es: 'Pago no encontrado',
    en: 'Payment not found',
  },
  'billing.no_invoice_for_order': {
    'pt-BR': 'Esta OS ainda não tem fatura: ela é gerada quando a OS é finalizada',
    es: 'Esta OS aún no tiene factura: se genera cuando la OS se finaliza',
    en: 'This order has no invoice yet: it is issued when the order is finished',
  },
  'billing.customer_not_found': {
    'pt-BR': 'Cliente não encontrado',
    es: 'Cliente no encontrado',
    en: 'Customer not found',
  },
  'billing.overpayment': {
    'pt-BR': 'O pagamento de {amount} passa do saldo da fatura ({balance})',
    es: 'El pago de {amount} supera el saldo de la factura ({balance})',
    en: 'The payment of {amount} exceeds the invoice balance ({balance})',
  },
  'billing.invoice_closed': {
    'pt-BR': 'A fatura nº {number} está {status}: não recebe pagamentos',
    es: 'La factura n.º {number} está {status}: no admite pagos',
    en: 'Invoice #{number} is {status}: it takes no payments',
  },
  'billing.cancel_with_payments': {
    'pt-BR': 'A fatura tem pagamentos de {paid}: estorne-os antes de cancelar',
    es: 'La factura tiene pagos por {paid}: reembólselos antes de anular',
    en: 'The invoice has payments of {paid}: refund them before cancelling',
  },
  'billing.already_cancelled': {
    'pt-BR': 'A fatura já está cancelada',
    es: 'La factura ya está anulada',
    en: 'The invoice is already cancelled',
  },
  'billing.refund_exceeds_payment': {
    'pt-BR': 'O estorno de {amount} passa do que resta do pagamento ({available})',
    es: 'El reembolso de {amount} supera lo que queda del pago ({available})',
    en: 'The refund of {amount} exceeds what is left of the payment ({available})',
  },
  'billing.discount_exceeds_total': {
    'pt-BR': 'O desconto ({discount}) passa do subtotal ({subtotal})',
    es: 'El descuento ({discount}) supera el subtotal ({subtotal})',
    en: 'The discount ({discount}) exceeds the subtotal ({subtotal})',
  },
  'billing.deposits_exceed_total': {
    'pt-BR':
      'Os sinais recebidos ({deposits}) passam do total da OS ({total}): estorne a diferença antes de finalizar',
    es: 'Las señas recibidas ({deposits}) superan el total de la OS ({total}): reembolse la diferencia antes de finalizar',
    en: 'The deposits taken ({deposits}) exceed the order total ({total}): refund the difference before finishing',
  },
  'billing.deposit_exceeds_order': {
    'pt-BR': 'O sinal de {amount} passa do que falta da OS ({available})',
    es: 'La seña de {amount} supera lo que falta de la OS ({available})',
    en: 'The deposit of {amount} exceeds what is left of the order ({available})',
  },
  'billing.order_not_found': {
    'pt-BR': 'Ordem de serviço não encontrada',
    es: 'Orden de servicio no encontrada',
    en: 'Service order not found',
  },
  'billing.order_closed': {
    'pt-BR': 'A OS já foi faturada ou encerrada: receba na fatura',
    es: 'La OS ya fue facturada o cerrada: cobre en la factura',
    en: 'The order is invoiced or closed: take the payment on its invoice',
  },
  'billing.part_price_missing': {
    'pt-BR': 'Informe o valor de "{description}"',
    es: 'Indique el valor de "{description}"',
    en: 'Give the price of "{description}"',
  },
  'billing.pix_key_missing': {
    'pt-BR': 'A oficina ainda não tem chave Pix: cadastre-a em Configurações → Oficina',
    es: 'El taller aún no tiene clave Pix: regístrela en Configuración → Taller',
    en: 'The shop has no Pix key yet: set it in Settings → Shop',
  },
  'billing.pix_nothing_due': {
    'pt-BR': 'Não há saldo a pagar nesta fatura',
    es: 'No hay saldo por pagar en esta factura',
    en: 'There is no balance to pay on this invoice',
  },
  'billing.pix_provider_failed': {
    'pt-BR': 'O provedor Pix não respondeu ({cause}); use o QR estático e confirme o pagamento à mão',
    es: 'El proveedor Pix no respondió ({cause}); use el QR estático y confirme el pago a mano',
    en: 'The Pix provider did not answer ({cause}); use the static QR code and confirm the payment by hand',
  },
  'billing.pix_key_invalid': {
    'pt-BR': 'Chave Pix inválida para o tipo {type}',
    es: 'Clave Pix no válida para el tipo {type}',
    en: 'Invalid Pix key for type {type}',
  },
  'billing.webhook_unauthorized': {
    'pt-BR': 'Notificação Pix não autenticada',
    es: 'Notificación Pix no autenticada',
    en: 'Unauthenticated Pix notification',
  },
  'billing.webhook_malformed': {
    'pt-BR': 'Notificação Pix em formato inesperado',
    es: 'Notificación Pix con formato inesperado',
    en: 'Pix notification in an unexpected format',
  },
  'billing.register_not_open': {
    'pt-BR': 'Não há caixa aberto nesta filial',
    es: 'No hay caja abierta en esta sucursal',
    en: 'No cash register is open at this branch',
  },
  'billing.register_already_open': {
    'pt-BR': 'Já há um caixa aberto nesta filial',
    es: 'Ya hay una caja abierta en esta sucursal',
    en: 'A cash register is already open at this branch',
  },
  'billing.register_not_found': {
    'pt-BR': 'Caixa não encontrado',
    es: 'Caja no encontrada',
    en: 'Cash register not found',
  },
  'billing.withdrawal_exceeds_cash': {
    'pt-BR': 'A retirada de {amount} passa do dinheiro em caixa ({available})',
    es: 'El retiro de {amount} supera el efectivo en caja ({available})',
    en: 'The withdrawal of {amount} exceeds the cash in the drawer ({available})',
  },
  'billing.payable_not_found': {
    'pt-BR': 'Conta a pagar não encontrada',
    es: 'Cuenta por pagar no encontrada',
    en: 'Payable not found',
  },
  'billing.payable_already_paid': {
    'pt-BR': 'Esta conta já foi paga',
    es: 'Esta cuenta ya fue pagada',
    en: 'This bill is already paid',
  },
  'billing.fiscal_not_configured': {
    'pt-BR': 'Emissão fiscal não configurada: informe FOCUS_NFE_TOKEN ou registre a nota à mão',
    es: 'Emisión fiscal no configurada: indique FOCUS_NFE_TOKEN o registre el documento a mano',
    en: 'Fiscal issuing is not configured: set FOCUS_NFE_TOKEN or record the document by hand',
  },
  'billing.fiscal_provider_failed': {
    'pt-BR': 'O emissor fiscal recusou ou não respondeu: {cause}',
    es: 'El emisor fiscal rechazó o no respondió: {cause}',
    en: 'The fiscal provider refused or did not answer: {cause}',
  },
  'billing.delivery_balance_blocked': {
    'pt-BR': 'A fatura nº {number} tem saldo de {balance}: receba antes de entregar',
    es: 'La factura n.º {number} tiene saldo de {balance}: cobre antes de entregar',
    en: 'Invoice #{number} has a balance of {balance}: take the payment before delivering',
  },
} as const satisfies Record<string, Record<Locale, string>>;
