import type { LocaleDefaultTexts } from './templates.js';

/** Shipped pt-BR texts; WhatsApp bodies use only required placeholders (they map to approved templates). */
export const DEFAULT_TEXTS_PT_BR: LocaleDefaultTexts = {
  order_received: {
    email: {
      subject: 'Recebemos seu {{assetName}} – OS {{orderNumber}}',
      body: 'Olá, {{customerName}}!\n\nRecebemos seu {{assetName}} e abrimos a ordem de serviço {{orderNumber}}. O comprovante de entrada segue em anexo.\n\nAvisaremos a cada etapa.\n\n{{shopName}}',
    },
    whatsapp: {
      body: 'Olá, {{customerName}}! Aqui é a equipe {{shopName}}. Recebemos seu *{{assetName}}* e abrimos a OS *{{orderNumber}}*. Avisaremos a cada etapa.',
    },
    sms: { body: '{{shopName}}: recebemos seu {{assetName}}. OS {{orderNumber}}. Avisaremos a cada etapa.' },
  },
  estimate_ready: {
    email: {
      subject: 'Orçamento pronto – OS {{orderNumber}}',
      body: 'Olá, {{customerName}}!\n\nO orçamento do seu {{assetName}} (OS {{orderNumber}}) está pronto: {{total}}.\n\nVeja os detalhes e aprove aqui: {{approvalLink}}\n\n{{shopName}}',
    },
    whatsapp: {
      body: 'Olá, {{customerName}}! Aqui é a equipe {{shopName}}. O orçamento do seu *{{assetName}}* (OS {{orderNumber}}) ficou em *{{total}}*. Veja e aprove aqui: {{approvalLink}} Obrigado!',
    },
    sms: { body: '{{shopName}}: orçamento da OS {{orderNumber}}: {{total}}. Aprove em {{approvalLink}}' },
  },
  work_started: {
    email: {
      subject: 'Começamos o serviço – OS {{orderNumber}}',
      body: 'Olá, {{customerName}}!\n\nJá começamos o serviço no seu {{assetName}} (OS {{orderNumber}}). Avisaremos quando estiver pronto.\n\n{{shopName}}',
    },
    whatsapp: {
      body: 'Olá, {{customerName}}! Aqui é a equipe {{shopName}}. Começamos o serviço no seu *{{assetName}}* (OS {{orderNumber}}). Avisaremos quando estiver pronto.',
    },
    sms: { body: '{{shopName}}: começamos o serviço da OS {{orderNumber}} ({{assetName}}).' },
  },
  awaiting_parts: {
    email: {
      subject: 'Aguardando peças – OS {{orderNumber}}',
      body: 'Olá, {{customerName}}!\n\nO serviço no seu {{assetName}} (OS {{orderNumber}}) está aguardando peças. Avisaremos assim que chegarem.\n\n{{shopName}}',
    },
    whatsapp: {
      body: 'Olá, {{customerName}}! Aqui é a equipe {{shopName}}. A OS *{{orderNumber}}* ({{assetName}}) está aguardando peças. Avisaremos assim que chegarem.',
    },
    sms: { body: '{{shopName}}: OS {{orderNumber}} aguardando peças. Avisaremos quando chegarem.' },
  },
  parts_arrived: {
    email: {
      subject: 'As peças chegaram – OS {{orderNumber}}',
      body: 'Olá, {{customerName}}!\n\nAs peças do seu {{assetName}} (OS {{orderNumber}}) chegaram e o serviço continua.\n\n{{shopName}}',
    },
    whatsapp: {
      body: 'Olá, {{customerName}}! Aqui é a equipe {{shopName}}. As peças do seu *{{assetName}}* chegaram e a OS {{orderNumber}} segue em andamento.',
    },
    sms: { body: '{{shopName}}: as peças da OS {{orderNumber}} chegaram. O serviço continua.' },
  },
  ready_for_pickup: {
    email: {
      subject: 'Pronto para retirada – OS {{orderNumber}}',
      body: 'Olá, {{customerName}}!\n\nSeu {{assetName}} (OS {{orderNumber}}) está pronto para retirada.\n\nEsperamos você!\n\n{{shopName}}',
    },
    whatsapp: {
      body: 'Olá, {{customerName}}! Aqui é a equipe {{shopName}}. Seu *{{assetName}}* está *pronto para retirada* (OS {{orderNumber}}). Esperamos você!',
    },
    sms: { body: '{{shopName}}: seu {{assetName}} está pronto para retirada. OS {{orderNumber}}.' },
  },
  delivered: {
    email: {
      subject: 'Obrigado pela confiança – OS {{orderNumber}}',
      body: 'Olá, {{customerName}}!\n\nObrigado por confiar o seu {{assetName}} a nós (OS {{orderNumber}}).\n\nConte como foi, leva um minuto: {{feedbackLink}}\n\n{{shopName}}',
    },
    whatsapp: {
      body: 'Olá, {{customerName}}! Aqui é a equipe {{shopName}}. Obrigado por confiar o seu *{{assetName}}* a nós (OS {{orderNumber}}). Conte como foi: {{feedbackLink}} Obrigado!',
    },
    sms: { body: '{{shopName}}: obrigado! Conte como foi a OS {{orderNumber}}: {{feedbackLink}}' },
  },
  invoice_issued: {
    email: {
      subject: 'Fatura da OS {{orderNumber}} – {{total}}',
      body: 'Olá, {{customerName}}!\n\nA fatura do serviço no seu {{assetName}} (OS {{orderNumber}}) ficou em {{total}} e segue em anexo.\nVeja e pague por Pix pelo link: {{paymentLink}}\n\n{{shopName}}',
    },
    whatsapp: {
      body: 'Olá, {{customerName}}! Aqui é a equipe {{shopName}}. A fatura da OS *{{orderNumber}}* ({{assetName}}) ficou em *{{total}}*. Veja e pague por Pix em {{paymentLink}} – obrigado!',
    },
    sms: { body: '{{shopName}}: fatura da OS {{orderNumber}}: {{total}}. Pague por Pix: {{paymentLink}}' },
  },
  appointment_confirmed: {
    email: {
      subject: 'Agendamento confirmado – {{appointmentTime}}',
      body: 'Olá, {{customerName}}!\n\nSeu horário está confirmado para {{appointmentTime}}.\n\nAté lá!\n\n{{shopName}}',
    },
    whatsapp: {
      body: 'Olá, {{customerName}}! Aqui é a equipe {{shopName}}. Seu horário está confirmado para *{{appointmentTime}}*. Até lá!',
    },
    sms: { body: '{{shopName}}: horário confirmado para {{appointmentTime}}.' },
  },
  appointment_reminder: {
    email: {
      subject: 'Lembrete: seu horário é {{appointmentTime}}',
      body: 'Olá, {{customerName}}!\n\nLembrando do seu horário: {{appointmentTime}}.\n\nAté lá!\n\n{{shopName}}',
    },
    whatsapp: {
      body: 'Olá, {{customerName}}! Aqui é a equipe {{shopName}}. Lembrando do seu horário: *{{appointmentTime}}*. Até lá!',
    },
    sms: { body: '{{shopName}}: lembrete do seu horário: {{appointmentTime}}.' },
  },
  appointment_changed: {
    email: {
      subject: 'Seu horário mudou – {{appointmentTime}}',
      body: 'Olá, {{customerName}}!\n\nSeu horário foi alterado para {{appointmentTime}}. Se não puder vir, fale com a gente.\n\n{{shopName}}',
    },
    whatsapp: {
      body: 'Olá, {{customerName}}! Aqui é a equipe {{shopName}}. Seu horário foi alterado para *{{appointmentTime}}*. Se não puder vir, responda esta mensagem.',
    },
    sms: { body: '{{shopName}}: seu horário mudou para {{appointmentTime}}.' },
  },
  reminder_due: {
    email: {
      subject: 'Está na hora: {{dueService}} do seu {{assetName}}',
      body: 'Olá, {{customerName}}!\n\nEstá na hora de {{dueService}} do seu {{assetName}}. Agende com a gente e evite surpresas: escolha o dia e o horário em {{bookingLink}}\n\n{{shopName}}',
    },
    whatsapp: {
      body: 'Olá, {{customerName}}! Aqui é a equipe {{shopName}}. Está na hora de *{{dueService}}* do seu *{{assetName}}*. Agende pelo link {{bookingLink}} ou responda esta mensagem.',
    },
    sms: {
      body: '{{shopName}}: está na hora de {{dueService}} do seu {{assetName}}. Agende em {{bookingLink}}',
    },
  },
  purchase_order_late: {
    email: {
      subject: 'Pedido de compra {{purchaseOrderNumber}} em atraso',
      body: 'Olá, {{supplierName}}!\n\nO pedido de compra {{purchaseOrderNumber}}, previsto para {{expectedDate}}, ainda não foi entregue por completo. Poderia nos informar a nova data?\n\nObrigado,\n{{shopName}}',
    },
    whatsapp: {
      body: 'Olá, {{supplierName}}! Aqui é a equipe {{shopName}}. O pedido *{{purchaseOrderNumber}}*, previsto para {{expectedDate}}, ainda não chegou por completo. Pode nos passar a nova data?',
    },
    sms: {
      body: '{{shopName}}: pedido {{purchaseOrderNumber}} previsto para {{expectedDate}} em atraso. Nova data?',
    },
  },
  feedback_request: {
    email: {
      subject: 'Como foi o serviço? – OS {{orderNumber}}',
      body: 'Olá, {{customerName}}!\n\nComo foi o serviço no seu {{assetName}} (OS {{orderNumber}})? Sua opinião leva um minuto e nos ajuda muito: {{feedbackLink}}\n\n{{shopName}}',
    },
    whatsapp: {
      body: 'Olá, {{customerName}}! Aqui é a equipe {{shopName}}. Como foi o serviço no seu *{{assetName}}* (OS {{orderNumber}})? Conte aqui: {{feedbackLink}} Obrigado!',
    },
    sms: { body: '{{shopName}}: como foi a OS {{orderNumber}}? Responda em {{feedbackLink}}' },
  },
};
