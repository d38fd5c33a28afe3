import type { Dashboard } from '../../shared/dashboards/definition';
import { parseDashboard } from '../../shared/dashboards/parse';
import threeDs from '../../../resources/dashboards/3ds-authentication-security.json';
import dailyTrends from '../../../resources/dashboards/daily-trends.json';
import declineAnalysis from '../../../resources/dashboards/decline-analysis.json';
import executiveOverview from '../../../resources/dashboards/executive-overview.json';
import financialImpact from '../../../resources/dashboards/financial-impact.json';
import fraudRisk from '../../../resources/dashboards/fraud-risk.json';
import merchantPerformance from '../../../resources/dashboards/merchant-performance.json';
import realTimeMonitoring from '../../../resources/dashboards/real-time-monitoring.json';
import routingOptimization from '../../../resources/dashboards/routing-optimization.json';
import technicalPerformance from '../../../resources/dashboards/technical-performance.json';

/** The platform's ten dashboards, in the order of the spec, validated once at start. */
export const BUILTIN_DASHBOARDS: readonly Dashboard[] = [
  executiveOverview,
  declineAnalysis,
  realTimeMonitoring,
  fraudRisk,
  merchantPerformance,
  routingOptimization,
  dailyTrends,
  threeDs,
  financialImpact,
  technicalPerformance,
].map((raw) => parseDashboard(raw));
