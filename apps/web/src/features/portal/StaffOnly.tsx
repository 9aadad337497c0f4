import type { ReactNode } from 'react';
import { Navigate } from 'react-router';
import { useAuth } from '../../app/auth';

/** The staff app's frame: a CUSTOMER login belongs in the portal instead (issue 15 §3). */
export function StaffOnly({ children }: { children: ReactNode }) {
  const { me } = useAuth();
  return me.role === 'CUSTOMER' ? <Navigate to="/portal" replace /> : children;
}
