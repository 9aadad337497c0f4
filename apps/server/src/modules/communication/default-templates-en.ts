import type { LocaleDefaultTexts } from './templates.js';

/** Shipped English texts; WhatsApp bodies use only required placeholders (they map to approved templates). */
export const DEFAULT_TEXTS_EN: LocaleDefaultTexts = {
  order_received: {
    email: {
      subject: 'We received your {{assetName}} – order {{orderNumber}}',
      body: 'Hi {{customerName}},\n\nWe received your {{assetName}} and opened service order {{orderNumber}}. The intake receipt is attached.\n\nWe will keep you posted at every step.\n\n{{shopName}}',
    },
    whatsapp: {
      body: 'Hi {{customerName}}! This is {{shopName}}. We received your *{{assetName}}* and opened order *{{orderNumber}}*. We will keep you posted.',
    },
    sms: {
      body: '{{shopName}}: we received your {{assetName}}. Order {{orderNumber}}. We will keep you posted.',
    },
  },
  estimate_ready: {
    email: {
      subject: 'Your estimate is ready – order {{orderNumber}}',
      body: 'Hi {{customerName}},\n\nThe estimate for your {{assetName}} (order {{orderNumber}}) is ready: {{total}}.\n\nSee the details and approve it here: {{approvalLink}}\n\n{{shopName}}',
    },
    whatsapp: {
      body: 'Hi {{customerName}}! This is {{shopName}}. The estimate for your *{{assetName}}* (order {{orderNumber}}) is *{{total}}*. See and approve it here: {{approvalLink}} Thank you!',
    },
    sms: { body: '{{shopName}}: estimate for order {{orderNumber}}: {{total}}. Approve at {{approvalLink}}' },
  },
  work_started: {
    email: {
      subject: 'Work has started – order {{orderNumber}}',
      body: 'Hi {{customerName}},\n\nWe have started working on your {{assetName}} (order {{orderNumber}}). We will let you know when it is ready.\n\n{{shopName}}',
    },
    whatsapp: {
      body: 'Hi {{customerName}}! This is {{shopName}}. We started working on your *{{assetName}}* (order {{orderNumber}}). We will let you know when it is ready.',
    },
    sms: { body: '{{shopName}}: work on order {{orderNumber}} ({{assetName}}) has started.' },
  },
  awaiting_parts: {
    email: {
      subject: 'Waiting for parts – order {{orderNumber}}',
      body: 'Hi {{customerName}},\n\nThe work on your {{assetName}} (order {{orderNumber}}) is waiting for parts. We will let you know as soon as they arrive.\n\n{{shopName}}',
    },
    whatsapp: {
      body: 'Hi {{customerName}}! This is {{shopName}}. Order *{{orderNumber}}* ({{assetName}}) is waiting for parts. We will let you know as soon as they arrive.',
    },
    sms: {
      body: '{{shopName}}: order {{orderNumber}} is waiting for parts. We will tell you when they arrive.',
    },
  },
  parts_arrived: {
    email: {
      subject: 'The parts arrived – order {{orderNumber}}',
      body: 'Hi {{customerName}},\n\nThe parts for your {{assetName}} (order {{orderNumber}}) arrived and the work goes on.\n\n{{shopName}}',
    },
    whatsapp: {
      body: 'Hi {{customerName}}! This is {{shopName}}. The parts for your *{{assetName}}* arrived and order {{orderNumber}} is moving again.',
    },
    sms: { body: '{{shopName}}: the parts for order {{orderNumber}} arrived. Work goes on.' },
  },
  ready_for_pickup: {
    email: {
      subject: 'Ready for pickup – order {{orderNumber}}',
      body: 'Hi {{customerName}},\n\nYour {{assetName}} (order {{orderNumber}}) is ready for pickup.\n\nSee you soon!\n\n{{shopName}}',
    },
    whatsapp: {
      body: 'Hi {{customerName}}! This is {{shopName}}. Your *{{assetName}}* is *ready for pickup* (order {{orderNumber}}). See you soon!',
    },
    sms: { body: '{{shopName}}: your {{assetName}} is ready for pickup. Order {{orderNumber}}.' },
  },
  delivered: {
    email: {
      subject: 'Thank you – order {{orderNumber}}',
      body: 'Hi {{customerName}},\n\nThank you for trusting us with your {{assetName}} (order {{orderNumber}}).\n\nTell us how it went, it takes a minute: {{feedbackLink}}\n\n{{shopName}}',
    },
    whatsapp: {
      body: 'Hi {{customerName}}! This is {{shopName}}. Thank you for trusting us with your *{{assetName}}* (order {{orderNumber}}). Tell us how it went: {{feedbackLink}} Thank you!',
    },
    sms: { body: '{{shopName}}: thank you! Tell us how order {{orderNumber}} went: {{feedbackLink}}' },
  },
  invoice_issued: {
    email: {
      subject: 'Invoice for order {{orderNumber}} – {{total}}',
      body: 'Hi {{customerName}},\n\nThe invoice for the work on your {{assetName}} (order {{orderNumber}}) comes to {{total}}; it is attached.\nSee it and pay here: {{paymentLink}}\n\n{{shopName}}',
    },
    whatsapp: {
      body: 'Hi {{customerName}}! This is {{shopName}}. The invoice for order *{{orderNumber}}* ({{assetName}}) comes to *{{total}}*. See it and pay at {{paymentLink}} – thank you!',
    },
    sms: { body: '{{shopName}}: invoice for order {{orderNumber}}: {{total}}. Pay here: {{paymentLink}}' },
  },
  appointment_confirmed: {
    email: {
      subject: 'Appointment confirmed – {{appointmentTime}}',
      body: 'Hi {{customerName}},\n\nYour appointment is confirmed for {{appointmentTime}}.\n\nSee you then!\n\n{{shopName}}',
    },
    whatsapp: {
      body: 'Hi {{customerName}}! This is {{shopName}}. Your appointment is confirmed for *{{appointmentTime}}*. See you then!',
    },
    sms: { body: '{{shopName}}: appointment confirmed for {{appointmentTime}}.' },
  },
  appointment_reminder: {
    email: {
      subject: 'Reminder: your appointment is {{appointmentTime}}',
      body: 'Hi {{customerName}},\n\nA reminder of your appointment: {{appointmentTime}}.\n\nSee you then!\n\n{{shopName}}',
    },
    whatsapp: {
      body: 'Hi {{customerName}}! This is {{shopName}}. A reminder of your appointment: *{{appointmentTime}}*. See you then!',
    },
    sms: { body: '{{shopName}}: reminder of your appointment: {{appointmentTime}}.' },
  },
  appointment_changed: {
    email: {
      subject: 'Your appointment changed – {{appointmentTime}}',
      body: 'Hi {{customerName}},\n\nYour appointment moved to {{appointmentTime}}. If you cannot make it, let us know.\n\n{{shopName}}',
    },
    whatsapp: {
      body: 'Hi {{customerName}}! This is {{shopName}}. Your appointment moved to *{{appointmentTime}}*. If you cannot make it, reply to this message.',
    },
    sms: { body: '{{shopName}}: your appointment moved to {{appointmentTime}}.' },
  },
  reminder_due: {
    email: {
      subject: 'Time for {{dueService}} on your {{assetName}}',
      body: 'Hi {{customerName}},\n\nIt is time for {{dueService}} on your {{assetName}}. Book with us and avoid surprises: pick a day and time at {{bookingLink}}\n\n{{shopName}}',
    },
    whatsapp: {
      body: 'Hi {{customerName}}! This is {{shopName}}. It is time for *{{dueService}}* on your *{{assetName}}*. Book at {{bookingLink}} or reply to this message.',
    },
    sms: { body: '{{shopName}}: time for {{dueService}} on your {{assetName}}. Book at {{bookingLink}}' },
  },
  purchase_order_late: {
    email: {
      subject: 'Purchase order {{purchaseOrderNumber}} is late',
      body: 'Hello {{supplierName}},\n\nPurchase order {{purchaseOrderNumber}}, expected on {{expectedDate}}, has not been fully delivered yet. Could you tell us the new date?\n\nThank you,\n{{shopName}}',
    },
    whatsapp: {
      body: 'Hello {{supplierName}}! This is {{shopName}}. Purchase order *{{purchaseOrderNumber}}*, expected on {{expectedDate}}, has not fully arrived. Could you tell us the new date?',
    },
    sms: {
      body: '{{shopName}}: purchase order {{purchaseOrderNumber}} due {{expectedDate}} is late. New date?',
    },
  },
  feedback_request: {
    email: {
      subject: 'How did we do? – order {{orderNumber}}',
      body: 'Hi {{customerName}},\n\nHow was the service on your {{assetName}} (order {{orderNumber}})? It takes a minute and helps us a lot: {{feedbackLink}}\n\n{{shopName}}',
    },
    whatsapp: {
      body: 'Hi {{customerName}}! This is {{shopName}}. How was the service on your *{{assetName}}* (order {{orderNumber}})? Tell us here: {{feedbackLink}} Thank you!',
    },
    sms: { body: '{{shopName}}: how did order {{orderNumber}} go? Answer at {{feedbackLink}}' },
  },
};
