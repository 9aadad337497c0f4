import type { Locale } from '@bancada/shared';

export const REPAIR_MESSAGES = {
  'repairs.create_forbidden': {
    'pt-BR': 'Apenas administradores podem criar ordens de serviço',
    es: 'Solo los administradores pueden crear órdenes de servicio',
    en: 'Only administrators can create service orders',
  },
  'repairs.customer_not_found': {
    'pt-BR': 'Cliente com ID informado não existe',
    es: 'El cliente con el ID indicado no existe',
    en: 'No customer exists with the given ID',
  },
  'repairs.not_found': {
    'pt-BR': 'Ordem de serviço não encontrada',
    es: 'Orden de servicio no encontrada',
    en: 'Service order not found',
  },
  'repairs.asset_not_found': {
    'pt-BR': 'Veículo, aparelho ou máquina não encontrado',
    es: 'Vehículo, aparato o máquina no encontrado',
    en: 'Vehicle, appliance or machine not found',
  },
  'repairs.asset_other_customer': {
    'pt-BR': 'Este bem pertence a outro cliente',
    es: 'Este bien pertenece a otro cliente',
    en: 'This asset belongs to another customer',
  },
  'repairs.technician_not_found': {
    'pt-BR': 'Técnico não encontrado ou inativo',
    es: 'Técnico no encontrado o inactivo',
    en: 'Technician not found or inactive',
  },
  'repairs.catalog_not_found': {
    'pt-BR': 'Serviço do catálogo não encontrado',
    es: 'Servicio del catálogo no encontrado',
    en: 'Catalog service not found',
  },
  'repairs.catalog_duplicate_code': {
    'pt-BR': 'Já existe um serviço com o código {code}',
    es: 'Ya existe un servicio con el código {code}',
    en: 'A service with code {code} already exists',
  },
  'repairs.service_price_required': {
    'pt-BR': 'Informe o preço do serviço ou escolha um serviço do catálogo',
    es: 'Indique el precio del servicio o elija un servicio del catálogo',
    en: 'Give the service price or pick a service from the catalog',
  },
  'repairs.line_not_found': {
    'pt-BR': 'Item {id} não pertence a esta ordem de serviço',
    es: 'El ítem {id} no pertenece a esta orden de servicio',
    en: 'Line {id} does not belong to this service order',
  },
  'repairs.discount_exceeds_total': {
    'pt-BR': 'O desconto ({discount}) é maior que a soma de mão de obra e peças ({subtotal})',
    es: 'El descuento ({discount}) es mayor que la suma de mano de obra y repuestos ({subtotal})',
    en: 'The discount ({discount}) is larger than labor plus parts ({subtotal})',
  },
  'repairs.closed': {
    'pt-BR': 'A OS nº {number} está {status} e não pode mais ser alterada',
    es: 'La OS n.º {number} está {status} y ya no se puede modificar',
    en: 'Service order no. {number} is {status} and can no longer be changed',
  },
  'repairs.transition_not_allowed': {
    'pt-BR': 'Não é possível passar de {from} para {to}. A partir de {from}: {allowed}',
    es: 'No es posible pasar de {from} a {to}. Desde {from}: {allowed}',
    en: 'Cannot move from {from} to {to}. From {from}: {allowed}',
  },
  'repairs.transition_role': {
    'pt-BR': 'Seu perfil não pode passar a OS de {from} para {to}',
    es: 'Su perfil no puede pasar la OS de {from} a {to}',
    en: 'Your role cannot move the order from {from} to {to}',
  },
  'repairs.finish_requires_supervisor': {
    'pt-BR': 'A aprovação final (FINALIZADO) é feita por um gerente ou administrador',
    es: 'La aprobación final (FINALIZADO) la hace un gerente o administrador',
    en: 'The final approval (FINALIZADO) is given by a manager or administrator',
  },
  'repairs.guard_checklist': {
    'pt-BR': 'Conclua a lista de revisão antes de finalizar. Pendentes: {items}',
    es: 'Complete la lista de revisión antes de finalizar. Pendientes: {items}',
    en: 'Complete the review checklist before finishing. Pending: {items}',
  },
  'repairs.guard_estimate': {
    'pt-BR': 'O cliente ainda não respondeu ao orçamento',
    es: 'El cliente aún no ha respondido al presupuesto',
    en: 'The customer has not answered the estimate yet',
  },
  'repairs.no_allowed': {
    'pt-BR': 'nenhuma mudança',
    es: 'ningún cambio',
    en: 'no change',
  },
  'repairs.timer_running': {
    'pt-BR': 'Já há um cronômetro em andamento para {name} (OS nº {number}); pare-o antes',
    es: 'Ya hay un cronómetro en marcha para {name} (OS n.º {number}); deténgalo antes',
    en: 'A timer is already running for {name} (order no. {number}); stop it first',
  },
  'repairs.timer_needs_start': {
    'pt-BR':
      'O cronômetro coloca a OS em andamento, e seu perfil não pode passar de {from} para {to}; peça a quem pode iniciar a OS',
    es: 'El cronómetro pone la OS en curso, y su perfil no puede pasar de {from} a {to}; pídalo a quien pueda iniciar la OS',
    en: 'Starting a timer puts the order in progress, and your role cannot move it from {from} to {to}; ask someone who can start the order',
  },
  'repairs.timer_started_note': {
    'pt-BR': 'Iniciada pelo cronômetro de {name}',
    es: 'Iniciada por el cronómetro de {name}',
    en: 'Started by {name}’s timer',
  },
  'repairs.timer_not_running': {
    'pt-BR': 'Nenhum cronômetro em andamento nesta OS para {name}',
    es: 'Ningún cronómetro en marcha en esta OS para {name}',
    en: 'No timer running on this order for {name}',
  },
  'repairs.technician_scope': {
    'pt-BR': 'Um técnico só registra o próprio tempo',
    es: 'Un técnico solo registra su propio tiempo',
    en: 'A technician records only their own time',
  },
  'repairs.warning_overloaded': {
    'pt-BR':
      '{name} já tem {orders} OS abertas ({hours} h estimadas) para {available} h de trabalho nesta semana',
    es: '{name} ya tiene {orders} OS abiertas ({hours} h estimadas) para {available} h de trabajo esta semana',
    en: '{name} already has {orders} open orders ({hours} h estimated) for {available} working hours this week',
  },
  'repairs.warning_specialty': {
    'pt-BR': '{name} não tem a especialidade {specialty}',
    es: '{name} no tiene la especialidad {specialty}',
    en: '{name} does not have the specialty {specialty}',
  },
  'repairs.warning_not_today': {
    'pt-BR': '{name} não trabalha hoje',
    es: '{name} no trabaja hoy',
    en: '{name} does not work today',
  },
  'repairs.warning_warranty_return': {
    'pt-BR': 'Retorno em garantia da OS nº {number}',
    es: 'Retorno en garantía de la OS n.º {number}',
    en: 'Warranty return of order no. {number}',
  },
  'idempotency.key_invalid': {
    'pt-BR': 'Idempotency-Key inválida: use de 8 a 200 caracteres visíveis',
    es: 'Idempotency-Key no válida: use de 8 a 200 caracteres visibles',
    en: 'Invalid Idempotency-Key: use 8 to 200 visible characters',
  },
  'idempotency.mismatch': {
    'pt-BR': 'Esta Idempotency-Key já foi usada com outra requisição',
    es: 'Esta Idempotency-Key ya se usó con otra solicitud',
    en: 'This Idempotency-Key was already used with a different request',
  },
  'repair_status.NAO_INICIADO': { 'pt-BR': 'Não iniciado', es: 'No iniciado', en: 'Not started' },
  'repair_status.AGUARDANDO_APROVACAO': {
    'pt-BR': 'Aguardando aprovação',
    es: 'Esperando aprobación',
    en: 'Awaiting approval',
  },
  'repair_status.AGUARDANDO_PECAS': {
    'pt-BR': 'Aguardando peças',
    es: 'Esperando repuestos',
    en: 'Awaiting parts',
  },
  'repairs.parts_arrived_note': {
    'pt-BR': 'Peças recebidas do fornecedor',
    es: 'Repuestos recibidos del proveedor',
    en: 'Parts received from the supplier',
  },
  'repair_status.EM_ANDAMENTO': { 'pt-BR': 'Em andamento', es: 'En curso', en: 'In progress' },
  'repair_status.EM_REVISAO': { 'pt-BR': 'Em revisão', es: 'En revisión', en: 'In review' },
  'repair_status.FINALIZADO': { 'pt-BR': 'Finalizado', es: 'Finalizado', en: 'Finished' },
  'repair_status.ENTREGUE': { 'pt-BR': 'Entregue', es: 'Entregado', en: 'Delivered' },
  'repair_status.CANCELADO': { 'pt-BR': 'Cancelado', es: 'Cancelado', en: 'Cancelled' },
  'checklist.work_done': {
    'pt-BR': 'Todo o serviço foi feito',
    es: 'Todo el trabajo está hecho',
    en: 'All the work is done',
  },
  'checklist.parts_as_planned': {
    'pt-BR': 'Peças usadas conforme o planejado',
    es: 'Repuestos usados según lo previsto',
    en: 'Parts used as planned',
  },
  'checklist.tested': { 'pt-BR': 'Equipamento testado', es: 'Equipo probado', en: 'Tested' },
  'checklist.asset_clean': {
    'pt-BR': 'Equipamento limpo e pronto para entrega',
    es: 'Equipo limpio y listo para entregar',
    en: 'Clean and ready for delivery',
  },
} as const satisfies Record<string, Record<Locale, string>>;
