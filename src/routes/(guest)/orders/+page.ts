// "My orders" lives on the bar screen's second tab; notifications and old links open it here.
import { redirect } from '@sveltejs/kit';

export const load = () => redirect(307, '/menu?tab=orders');
