import type { LocaleDefaultTexts } from './templates.js';

/** Shipped Spanish texts (neutral Latin American, "usted"); WhatsApp bodies use only required placeholders. */
export const DEFAULT_TEXTS_ES: LocaleDefaultTexts = {
  order_received: {
    email: {
      subject: 'Recibimos su {{assetName}} – orden {{orderNumber}}',
      body: 'Hola, {{customerName}}:\n\nRecibimos su {{assetName}} y abrimos la orden de servicio {{orderNumber}}. Adjuntamos el comprobante de recepción.\n\nLe avisaremos en cada etapa.\n\n{{shopName}}',
    },
    whatsapp: {
      body: 'Hola, {{customerName}}. Le escribimos de {{shopName}}. Recibimos su *{{assetName}}* y abrimos la orden *{{orderNumber}}*. Le avisaremos en cada etapa.',
    },
    sms: {
      body: '{{shopName}}: recibimos su {{assetName}}. Orden {{orderNumber}}. Le avisaremos en cada etapa.',
    },
  },
  estimate_ready: {
    email: {
      subject: 'Presupuesto listo – orden {{orderNumber}}',
      body: 'Hola, {{customerName}}:\n\nEl presupuesto de su {{assetName}} (orden {{orderNumber}}) está listo: {{total}}.\n\nVea el detalle y apruébelo aquí: {{approvalLink}}\n\n{{shopName}}',
    },
    whatsapp: {
      body: 'Hola, {{customerName}}. Le escribimos de {{shopName}}. El presupuesto de su *{{assetName}}* (orden {{orderNumber}}) es de *{{total}}*. Véalo y apruébelo aquí: {{approvalLink}} ¡Gracias!',
    },
    sms: { body: '{{shopName}}: presupuesto orden {{orderNumber}}: {{total}}. Apruebe en {{approvalLink}}' },
  },
  work_started: {
    email: {
      subject: 'Comenzamos el trabajo – orden {{orderNumber}}',
      body: 'Hola, {{customerName}}:\n\nYa comenzamos a trabajar en su {{assetName}} (orden {{orderNumber}}). Le avisaremos cuando esté listo.\n\n{{shopName}}',
    },
    whatsapp: {
      body: 'Hola, {{customerName}}. Le escribimos de {{shopName}}. Comenzamos a trabajar en su *{{assetName}}* (orden {{orderNumber}}). Le avisaremos cuando esté listo.',
    },
    sms: { body: '{{shopName}}: comenzamos el trabajo de la orden {{orderNumber}} ({{assetName}}).' },
  },
  awaiting_parts: {
    email: {
      subject: 'Esperando repuestos – orden {{orderNumber}}',
      body: 'Hola, {{customerName}}:\n\nEl trabajo en su {{assetName}} (orden {{orderNumber}}) está esperando repuestos. Le avisaremos apenas lleguen.\n\n{{shopName}}',
    },
    whatsapp: {
      body: 'Hola, {{customerName}}. Le escribimos de {{shopName}}. La orden *{{orderNumber}}* ({{assetName}}) está esperando repuestos. Le avisaremos apenas lleguen.',
    },
    sms: { body: '{{shopName}}: orden {{orderNumber}} esperando repuestos. Le avisaremos cuando lleguen.' },
  },
  parts_arrived: {
    email: {
      subject: 'Llegaron los repuestos – orden {{orderNumber}}',
      body: 'Hola, {{customerName}}:\n\nLlegaron los repuestos de su {{assetName}} (orden {{orderNumber}}) y el trabajo continúa.\n\n{{shopName}}',
    },
    whatsapp: {
      body: 'Hola, {{customerName}}. Le escribimos de {{shopName}}. Llegaron los repuestos de su *{{assetName}}* y la orden {{orderNumber}} sigue en curso.',
    },
    sms: { body: '{{shopName}}: llegaron los repuestos de la orden {{orderNumber}}. El trabajo continúa.' },
  },
  ready_for_pickup: {
    email: {
      subject: 'Listo para retirar – orden {{orderNumber}}',
      body: 'Hola, {{customerName}}:\n\nSu {{assetName}} (orden {{orderNumber}}) está listo para retirar.\n\n¡Le esperamos!\n\n{{shopName}}',
    },
    whatsapp: {
      body: 'Hola, {{customerName}}. Le escribimos de {{shopName}}. Su *{{assetName}}* está *listo para retirar* (orden {{orderNumber}}). ¡Le esperamos!',
    },
    sms: { body: '{{shopName}}: su {{assetName}} está listo para retirar. Orden {{orderNumber}}.' },
  },
  delivered: {
    email: {
      subject: 'Gracias por su confianza – orden {{orderNumber}}',
      body: 'Hola, {{customerName}}:\n\nGracias por confiarnos su {{assetName}} (orden {{orderNumber}}).\n\nCuéntenos cómo le fue, toma un minuto: {{feedbackLink}}\n\n{{shopName}}',
    },
    whatsapp: {
      body: 'Hola, {{customerName}}. Le escribimos de {{shopName}}. Gracias por confiarnos su *{{assetName}}* (orden {{orderNumber}}). Cuéntenos cómo le fue: {{feedbackLink}} ¡Gracias!',
    },
    sms: {
      body: '{{shopName}}: ¡gracias! Cuéntenos cómo le fue con la orden {{orderNumber}}: {{feedbackLink}}',
    },
  },
  invoice_issued: {
    email: {
      subject: 'Factura de la orden {{orderNumber}} – {{total}}',
      body: 'Hola, {{customerName}}:\n\nLa factura del trabajo en su {{assetName}} (orden {{orderNumber}}) es de {{total}}; la adjuntamos a este correo.\nPuede verla y pagarla en este enlace: {{paymentLink}}\n\n{{shopName}}',
    },
    whatsapp: {
      body: 'Hola, {{customerName}}. Le escribimos de {{shopName}}. La factura de la orden *{{orderNumber}}* ({{assetName}}) es de *{{total}}*. Véala y páguela en {{paymentLink}}. ¡Gracias!',
    },
    sms: {
      body: '{{shopName}}: factura de la orden {{orderNumber}}: {{total}}. Pague aquí: {{paymentLink}}',
    },
  },
  appointment_confirmed: {
    email: {
      subject: 'Cita confirmada – {{appointmentTime}}',
      body: 'Hola, {{customerName}}:\n\nSu cita está confirmada para {{appointmentTime}}.\n\n¡Le esperamos!\n\n{{shopName}}',
    },
    whatsapp: {
      body: 'Hola, {{customerName}}. Le escribimos de {{shopName}}. Su cita está confirmada para *{{appointmentTime}}*. ¡Le esperamos!',
    },
    sms: { body: '{{shopName}}: cita confirmada para {{appointmentTime}}.' },
  },
  appointment_reminder: {
    email: {
      subject: 'Recordatorio: su cita es {{appointmentTime}}',
      body: 'Hola, {{customerName}}:\n\nLe recordamos su cita: {{appointmentTime}}.\n\n¡Le esperamos!\n\n{{shopName}}',
    },
    whatsapp: {
      body: 'Hola, {{customerName}}. Le escribimos de {{shopName}}. Le recordamos su cita: *{{appointmentTime}}*. ¡Le esperamos!',
    },
    sms: { body: '{{shopName}}: recordatorio de su cita: {{appointmentTime}}.' },
  },
  appointment_changed: {
    email: {
      subject: 'Su cita cambió – {{appointmentTime}}',
      body: 'Hola, {{customerName}}:\n\nSu cita cambió a {{appointmentTime}}. Si no puede venir, avísenos.\n\n{{shopName}}',
    },
    whatsapp: {
      body: 'Hola, {{customerName}}. Le escribimos de {{shopName}}. Su cita cambió a *{{appointmentTime}}*. Si no puede venir, responda este mensaje.',
    },
    sms: { body: '{{shopName}}: su cita cambió a {{appointmentTime}}.' },
  },
  reminder_due: {
    email: {
      subject: 'Es momento de: {{dueService}} de su {{assetName}}',
      body: 'Hola, {{customerName}}:\n\nEs momento de hacer {{dueService}} a su {{assetName}}. Agende con nosotros y evite sorpresas: elija el día y la hora en {{bookingLink}}\n\n{{shopName}}',
    },
    whatsapp: {
      body: 'Hola, {{customerName}}. Le escribimos de {{shopName}}. Es momento de *{{dueService}}* para su *{{assetName}}*. Agende en {{bookingLink}} o responda este mensaje.',
    },
    sms: {
      body: '{{shopName}}: es momento de {{dueService}} para su {{assetName}}. Agende en {{bookingLink}}',
    },
  },
  purchase_order_late: {
    email: {
      subject: 'Orden de compra {{purchaseOrderNumber}} atrasada',
      body: 'Hola, {{supplierName}}:\n\nLa orden de compra {{purchaseOrderNumber}}, prevista para {{expectedDate}}, aún no se entregó por completo. ¿Nos puede indicar la nueva fecha?\n\nGracias,\n{{shopName}}',
    },
    whatsapp: {
      body: 'Hola, {{supplierName}}. Le escribimos de {{shopName}}. La orden de compra *{{purchaseOrderNumber}}*, prevista para {{expectedDate}}, aún no llegó completa. ¿Nos indica la nueva fecha?',
    },
    sms: {
      body: '{{shopName}}: orden de compra {{purchaseOrderNumber}} prevista {{expectedDate}} atrasada. ¿Nueva fecha?',
    },
  },
  feedback_request: {
    email: {
      subject: '¿Cómo fue el servicio? – orden {{orderNumber}}',
      body: 'Hola, {{customerName}}:\n\n¿Cómo fue el servicio de su {{assetName}} (orden {{orderNumber}})? Su opinión toma un minuto y nos ayuda mucho: {{feedbackLink}}\n\n{{shopName}}',
    },
    whatsapp: {
      body: 'Hola, {{customerName}}. Le escribimos de {{shopName}}. ¿Cómo fue el servicio de su *{{assetName}}* (orden {{orderNumber}})? Cuéntenos aquí: {{feedbackLink}} ¡Gracias!',
    },
    sms: { body: '{{shopName}}: ¿cómo fue la orden {{orderNumber}}? Responda en {{feedbackLink}}' },
  },
};
