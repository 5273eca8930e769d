/**
 * Policies and findings, shared by main, the window and the CLI: the file format (format.ts),
 * the rules (rules/, one file each), the evaluation (evaluate.ts). ARCHITECTURE.md, "Policies and
 * findings".
 */
export { parsePolicy, parsePolicyText, policySchema, POLICY_VERSION, RULE_IDS, RULE_KEYS, type ClientRules, type Policy, type PolicyParse, type PolicyRules, type RuleId, type RuleKey } from './format'
export { closest, pathText, policyIssueLines, problemLines, type PolicyProblem } from './problems'
export { evaluate, Evaluation, hasError, ruleIdsOf, rulesFor, type Compliance, type ComplianceSummary, type EvaluateContext, type RuleInForce } from './evaluate'
export { FIX_ACTIONS, type Finding, type Fix, type FixAction, type Severity } from './finding'
export type { PolicyToken, Rule, Subject } from './rule'
export { RULES } from './rules'
export { DAY_MS, isoMs } from './time'
