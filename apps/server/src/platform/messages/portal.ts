import type { Locale } from '@bancada/shared';

/** The portal's customer accounts (issue 15 §2): errors and the e-mails it sends. */
export const PORTAL_MESSAGES = {
  'portal.token_invalid': {
    'pt-BR': 'Este link é inválido, expirou ou já foi usado',
    es: 'Este enlace no es válido, venció o ya fue usado',
    en: 'This link is invalid, has expired or was already used',
  },
  'portal.too_many': {
    'pt-BR': 'Muitas tentativas; aguarde alguns minutos e tente de novo',
    es: 'Demasiados intentos; espere unos minutos e inténtelo de nuevo',
    en: 'Too many attempts; wait a few minutes and try again',
  },
  'portal.no_email': {
    'pt-BR': 'O cliente não tem e-mail cadastrado',
    es: 'El cliente no tiene correo electrónico registrado',
    en: 'The customer has no e-mail on file',
  },
  'portal.already_has_login': {
    'pt-BR': 'Este cliente (ou este e-mail) já tem acesso ao portal',
    es: 'Este cliente (o este correo) ya tiene acceso al portal',
    en: 'This customer (or this e-mail) already has a portal login',
  },
  'portal.customer_gone': {
    'pt-BR': 'O cadastro deste cliente foi excluído ou anonimizado',
    es: 'El registro de este cliente fue eliminado o anonimizado',
    en: 'This customer’s record was deleted or anonymised',
  },
  'portal.no_organization': {
    'pt-BR': 'A oficina ainda não foi configurada',
    es: 'El taller aún no fue configurado',
    en: 'The shop has not been set up yet',
  },
  'portal.data_request_not_found': {
    'pt-BR': 'Solicitação não encontrada',
    es: 'Solicitud no encontrada',
    en: 'Request not found',
  },
  'portal.data_request_resolved': {
    'pt-BR': 'Esta solicitação já foi respondida',
    es: 'Esta solicitud ya fue respondida',
    en: 'This request has already been answered',
  },
  'mail.portal_verify.subject': {
    'pt-BR': 'Confirme seu e-mail — {org}',
    es: 'Confirme su correo electrónico — {org}',
    en: 'Confirm your e-mail — {org}',
  },
  'mail.portal_verify.body': {
    'pt-BR':
      'Olá, {name}!\n\nPara ativar seu acesso ao portal de {org}, confirme seu e-mail abrindo o link abaixo (válido por 24 horas):\n\n{link}\n\nSe não foi você quem se cadastrou, ignore esta mensagem.',
    es: '¡Hola, {name}!\n\nPara activar su acceso al portal de {org}, confirme su correo electrónico abriendo el enlace de abajo (válido por 24 horas):\n\n{link}\n\nSi no fue usted quien se registró, ignore este mensaje.',
    en: 'Hello, {name}!\n\nTo open your access to the {org} portal, confirm your e-mail by opening the link below (valid for 24 hours):\n\n{link}\n\nIf you did not sign up, ignore this message.',
  },
  'mail.portal_exists.subject': {
    'pt-BR': 'Você já tem uma conta — {org}',
    es: 'Usted ya tiene una cuenta — {org}',
    en: 'You already have an account — {org}',
  },
  'mail.portal_exists.body': {
    'pt-BR':
      'Olá!\n\nAlguém tentou criar uma conta no portal de {org} com este e-mail, mas você já tem uma conta. Entre com sua senha ou, se a esqueceu, crie uma nova pelo link abaixo (válido por 1 hora):\n\n{link}\n\nSe não foi você, ignore esta mensagem: nada foi alterado.',
    es: '¡Hola!\n\nAlguien intentó crear una cuenta en el portal de {org} con este correo, pero usted ya tiene una cuenta. Ingrese con su contraseña o, si la olvidó, cree una nueva con el enlace de abajo (válido por 1 hora):\n\n{link}\n\nSi no fue usted, ignore este mensaje: no se cambió nada.',
    en: 'Hello!\n\nSomeone tried to create an account on the {org} portal with this e-mail, but you already have one. Sign in with your password or, if you forgot it, choose a new one with the link below (valid for 1 hour):\n\n{link}\n\nIf this was not you, ignore this message: nothing was changed.',
  },
  'mail.portal_invitation.subject': {
    'pt-BR': 'Seu acesso ao portal de {org}',
    es: 'Su acceso al portal de {org}',
    en: 'Your access to the {org} portal',
  },
  'mail.portal_invitation.body': {
    'pt-BR':
      'Olá, {name}!\n\n{org} convidou você para o portal do cliente: acompanhe suas ordens de serviço, aprove orçamentos e baixe seus documentos. Escolha sua senha pelo link abaixo (válido por 24 horas):\n\n{link}',
    es: '¡Hola, {name}!\n\n{org} lo invitó al portal del cliente: siga sus órdenes de servicio, apruebe presupuestos y descargue sus documentos. Elija su contraseña con el enlace de abajo (válido por 24 horas):\n\n{link}',
    en: 'Hello, {name}!\n\n{org} invited you to the customer portal: follow your service orders, approve estimates and download your documents. Choose your password with the link below (valid for 24 hours):\n\n{link}',
  },
  'mail.data_request.subject': {
    'pt-BR': 'Nova solicitação LGPD ({kind}) de {customer}',
    es: 'Nueva solicitud LGPD ({kind}) de {customer}',
    en: 'New LGPD request ({kind}) from {customer}',
  },
  'mail.data_request.body': {
    'pt-BR':
      'Olá, {name}.\n\n{customer} enviou pelo portal uma solicitação de {kind}:\n\n{message}\n\nA LGPD pede resposta em até 15 dias. Responda em:\n{link}',
    es: 'Hola, {name}.\n\n{customer} envió por el portal una solicitud de {kind}:\n\n{message}\n\nLa LGPD pide respuesta en hasta 15 días. Responda en:\n{link}',
    en: 'Hello, {name}.\n\n{customer} sent a {kind} request through the portal:\n\n{message}\n\nThe LGPD asks for an answer within 15 days. Answer at:\n{link}',
  },
  'mail.data_request_answered.subject': {
    'pt-BR': 'Sua solicitação de {kind} foi respondida — {org}',
    es: 'Su solicitud de {kind} fue respondida — {org}',
    en: 'Your {kind} request was answered — {org}',
  },
  'mail.data_request_answered.body': {
    'pt-BR':
      'Olá, {name}.\n\nSua solicitação de {kind} foi {status}:\n\n{answer}\n\nVocê pode acompanhá-la no portal: {link}',
    es: 'Hola, {name}.\n\nSu solicitud de {kind} fue {status}:\n\n{answer}\n\nPuede seguirla en el portal: {link}',
    en: 'Hello, {name}.\n\nYour {kind} request was {status}:\n\n{answer}\n\nYou can follow it in the portal: {link}',
  },
  'portal.status.DONE': { 'pt-BR': 'atendida', es: 'atendida', en: 'carried out' },
  'portal.status.REJECTED': { 'pt-BR': 'recusada', es: 'rechazada', en: 'declined' },
  'portal.kind.CORRECTION': { 'pt-BR': 'correção', es: 'corrección', en: 'correction' },
  'portal.kind.DELETION': { 'pt-BR': 'exclusão', es: 'eliminación', en: 'deletion' },
} as const satisfies Record<string, Record<Locale, string>>;
