import type { Locale } from '@bancada/shared';

/** Fiscal documents (issue 12 §4) and payables (§2). */
export const FISCAL_MESSAGES = {
  'fiscal.document_not_found': {
    'pt-BR': 'Documento fiscal não encontrado',
    es: 'Documento fiscal no encontrado',
    en: 'Fiscal document not found',
  },
  'fiscal.invoice_cancelled': {
    'pt-BR': 'A fatura nº {number} está cancelada: não recebe nota fiscal',
    es: 'La factura n.º {number} está anulada: no admite documento fiscal',
    en: 'Invoice #{number} is cancelled: it takes no fiscal document',
  },
  'fiscal.nfse_exists': {
    'pt-BR': 'A fatura nº {number} já tem uma NFS-e {status}: consulte-a ou cancele-a antes de emitir outra',
    es: 'La factura n.º {number} ya tiene una NFS-e {status}: consúltela o anúlela antes de emitir otra',
    en: 'Invoice #{number} already has an NFS-e that is {status}: refresh or cancel it before issuing another',
  },
  'fiscal.no_service_lines': {
    'pt-BR': 'A fatura nº {number} não tem serviços (mão de obra): a NFS-e cobre apenas serviços',
    es: 'La factura n.º {number} no tiene servicios (mano de obra): la NFS-e cubre solo servicios',
    en: 'Invoice #{number} has no service (labor) lines: an NFS-e covers services only',
  },
  'fiscal.shop_document_missing': {
    'pt-BR': 'Informe o CNPJ da oficina em Configurações → Oficina antes de emitir NFS-e',
    es: 'Indique el CNPJ del taller en Configuración → Taller antes de emitir NFS-e',
    en: "Set the shop's CNPJ in Settings → Shop before issuing an NFS-e",
  },
  'fiscal.taker_document_missing': {
    'pt-BR': 'O cliente {name} não tem CPF ou CNPJ cadastrado: complete o cadastro para emitir a NFS-e',
    es: 'El cliente {name} no tiene CPF o CNPJ registrado: complete el registro para emitir la NFS-e',
    en: 'Customer {name} has no CPF or CNPJ on record: complete it to issue the NFS-e',
  },
  'fiscal.manual_not_refreshable': {
    'pt-BR': 'Este documento foi registrado à mão: não há o que consultar no emissor',
    es: 'Este documento se registró a mano: no hay nada que consultar en el emisor',
    en: 'This document was recorded by hand: there is nothing to read from the provider',
  },
  'fiscal.not_cancellable': {
    'pt-BR': 'Só uma nota autorizada pode ser cancelada; esta está {status}',
    es: 'Solo un documento autorizado puede anularse; este está {status}',
    en: 'Only an authorized document can be cancelled; this one is {status}',
  },
  'fiscal.provider_rejected': {
    'pt-BR': 'O emissor fiscal recusou: {cause}',
    es: 'El emisor fiscal rechazó: {cause}',
    en: 'The fiscal provider refused: {cause}',
  },
  'fiscal.provider_cancel_refused': {
    'pt-BR': 'O cancelamento foi recusado e a nota continua autorizada: {cause}',
    es: 'La anulación fue rechazada y el documento sigue autorizado: {cause}',
    en: 'The cancellation was refused and the document stays authorized: {cause}',
  },
  'fiscal.provider_unreachable': {
    'pt-BR':
      'O emissor fiscal não respondeu. A nota fica em processamento: consulte-a de novo em alguns minutos',
    es: 'El emisor fiscal no respondió. El documento queda en proceso: consúltelo de nuevo en unos minutos',
    en: 'The fiscal provider did not answer. The document stays processing: refresh it in a few minutes',
  },
  'fiscal.provider_not_found_yet': {
    'pt-BR':
      'O emissor fiscal ainda não tem esta nota; ela fica em processamento: consulte de novo em instantes',
    es: 'El emisor fiscal aún no tiene este documento; queda en proceso: consúltelo de nuevo en unos instantes',
    en: 'The fiscal provider does not have this document yet; it stays processing: refresh it in a moment',
  },
  'fiscal.provider_auth': {
    'pt-BR': 'O emissor fiscal recusou o token: confira FOCUS_NFE_TOKEN e o ambiente ({environment})',
    es: 'El emisor fiscal rechazó el token: revise FOCUS_NFE_TOKEN y el ambiente ({environment})',
    en: 'The fiscal provider refused the token: check FOCUS_NFE_TOKEN and the environment ({environment})',
  },
  'fiscal.provider_unexpected': {
    'pt-BR': 'O emissor fiscal respondeu de forma inesperada; tente de novo mais tarde: {cause}',
    es: 'El emisor fiscal respondió de forma inesperada; inténtelo más tarde: {cause}',
    en: 'The fiscal provider gave an unexpected answer; try again later: {cause}',
  },
  'fiscal.nfse_description': {
    'pt-BR': 'Fatura nº {number}',
    es: 'Factura n.º {number}',
    en: 'Invoice #{number}',
  },
  'fiscal.nfse_description_order': {
    'pt-BR': 'Fatura nº {number}, OS nº {order}',
    es: 'Factura n.º {number}, OS n.º {order}',
    en: 'Invoice #{number}, order #{order}',
  },
  'payables.supplier_not_found': {
    'pt-BR': 'Fornecedor não encontrado',
    es: 'Proveedor no encontrado',
    en: 'Supplier not found',
  },
  'payables.purchase_order_not_found': {
    'pt-BR': 'Pedido de compra não encontrado',
    es: 'Pedido de compra no encontrado',
    en: 'Purchase order not found',
  },
  'payables.purchase_order_not_received': {
    'pt-BR': 'O pedido de compra nº {number} ainda não foi recebido: só o que chegou vira conta a pagar',
    es: 'El pedido de compra n.º {number} aún no se recibió: solo lo recibido se vuelve cuenta por pagar',
    en: 'Purchase order #{number} has not been received: only what arrived becomes a bill',
  },
  'payables.purchase_order_billed': {
    'pt-BR': 'O pedido de compra nº {number} já tem conta a pagar',
    es: 'El pedido de compra n.º {number} ya tiene cuenta por pagar',
    en: 'Purchase order #{number} already has a bill',
  },
  'payables.nothing_to_bill': {
    'pt-BR': 'O que foi recebido do pedido nº {number} não tem custo: não há o que pagar',
    es: 'Lo recibido del pedido n.º {number} no tiene costo: no hay nada que pagar',
    en: 'What was received on order #{number} has no cost: there is nothing to pay',
  },
  'payables.purchase_order_description': {
    'pt-BR': 'Pedido de compra nº {number} — {supplier}',
    es: 'Pedido de compra n.º {number} — {supplier}',
    en: 'Purchase order #{number} — {supplier}',
  },
} as const satisfies Record<string, Record<Locale, string>>;
