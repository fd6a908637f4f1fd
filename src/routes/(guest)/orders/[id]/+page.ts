// A notification's "open this order": the orders tab, scrolled to that order.
import { redirect } from '@sveltejs/kit';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const load = ({ params }) => redirect(307, UUID.test(params.id) ? `/menu?tab=orders#order-${params.id}` : '/menu?tab=orders');
