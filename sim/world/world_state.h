#pragma once
// What a state file holds of the World: every member of every world struct, listed once.
// A member added to a struct in world/ must be added here too, in declaration order;
// tests/engine/state_coverage_test.cpp fails until it is (it checks that the members walked
// here cover each struct's bytes, up to alignment padding). `A` is core/state_archive.h's
// StateFields (saving or loading) or the coverage test's layout recorder.
#include "core/calendar.h"
#include "world/world.h"

namespace prosim {

template <class A>
void walk(A& a, YearMonth& d) {
  a.field("year", d.year);
  a.field("month", d.month);
}

template <class A>
void walk(A& a, Settlements& s) {
  a.field("kind", s.kind);
  a.field("terrain", s.terrain);
  a.field("county", s.county);
  a.field("x_km", s.x_km);
  a.field("y_km", s.y_km);
  a.field("village", s.village);
  a.field("reachable_work", s.reachable_work);
  a.field("work_settlements", s.work_settlements);
}

template <class A>
void walk(A& a, Persons& p) {
  a.field("age_months", p.age_months);
  a.field("entry_age_months", p.entry_age_months);
  a.field("skill", p.skill);
  a.field("urban_hukou", p.urban_hukou);
  a.field("status", p.status);
  a.field("pension", p.pension);
  a.field("pension_amount", p.pension_amount);
  a.field("employer", p.employer);
  a.field("wage", p.wage);
  a.field("months_employed", p.months_employed);
  a.field("contribution_index", p.contribution_index);
  a.field("household", p.household);
  a.field("occupant", p.occupant);
}

template <class A>
void walk(A& a, Households& h) {
  a.field("settlement", h.settlement);
  a.field("county", h.county);
  a.field("first_member", h.first_member);
  a.field("size", h.size);
  a.field("capacity", h.capacity);
  a.field("land_mu", h.land_mu);
  a.field("land_let_mu", h.land_let_mu);
  a.field("land_taken_mu", h.land_taken_mu);
  a.field("savings", h.savings);
  a.field("income", h.income);
  a.field("disposable", h.disposable);
  a.field("disposable_ytd", h.disposable_ytd);
  a.field("disposable_last_year", h.disposable_last_year);
  a.field("consumption", h.consumption);
  a.field("occupant", h.occupant);
  a.field("relocated", h.relocated);
  a.field("migrated", h.migrated);
  a.field("initial_low_income", h.initial_low_income);
  a.field("initial_income_pc", h.initial_income_pc);
  a.field("origin_village", h.origin_village);
  a.field("nonlocal", h.nonlocal);
  a.field("imputed_rent", h.imputed_rent);
  a.field("wages_away", h.wages_away);
}

template <class A>
void walk(A& a, Firms& f) {
  a.field("alive", f.alive);
  a.field("county", f.county);
  a.field("settlement", f.settlement);
  a.field("sector", f.sector);
  a.field("productivity", f.productivity);
  a.field("appeal", f.appeal);
  a.field("appeal_anchor", f.appeal_anchor);
  a.field("appeal_variance", f.appeal_variance);
  a.field("wage_rate", f.wage_rate);
  a.field("price", f.price);
  a.field("expected_sales", f.expected_sales);
  a.field("demand", f.demand);
  a.field("sales", f.sales);
  a.field("wage_bill", f.wage_bill);
  a.field("labour_cost", f.labour_cost);
  a.field("profit", f.profit);
  a.field("cash", f.cash);
  a.field("efficiency_units", f.efficiency_units);
  a.field("hours", f.hours);
  a.field("employees", f.employees);
  a.field("vacancies", f.vacancies);
  a.field("owner", f.owner);
  a.field("loss_months", f.loss_months);
  a.field("birth_month", f.birth_month);
  a.field("compliant", f.compliant);
}

template <class A>
void walk(A& a, Villages& v) {
  a.field("settlement", v.settlement);
  a.field("county", v.county);
  a.field("assets", v.assets);
  a.field("asset_yield", v.asset_yield);
  a.field("cash", v.cash);
  a.field("operating_income", v.operating_income);
  a.field("subsidy_income", v.subsidy_income);
  a.field("investment_returns", v.investment_returns);
  a.field("dividends", v.dividends);
  a.field("operating_ytd", v.operating_ytd);
  a.field("total_ytd", v.total_ytd);
  a.field("dividends_ytd", v.dividends_ytd);
  a.field("operating_last_year", v.operating_last_year);
  a.field("total_last_year", v.total_last_year);
  a.field("dividends_last_year", v.dividends_last_year);
  a.field("weak", v.weak);
  a.field("members", v.members);
  a.field("initial_members", v.initial_members);
  a.field("registered_members", v.registered_members);
}

template <class A>
void walk(A& a, County& c) {
  a.field("name", c.name);
  a.field("mountain_county", c.mountain_county);
  a.field("min_wage_tier", c.min_wage_tier);
  a.field("min_wage", c.min_wage);
  a.field("dibao_standard", c.dibao_standard);
  a.field("budget", c.budget);
  a.field("wage_level", c.wage_level);
  a.field("mean_productivity", c.mean_productivity);
  a.field("demand_weight", c.demand_weight);
  a.field("capital_share", c.capital_share);
  a.field("farm_income", c.farm_income);
  a.field("village_subsidy", c.village_subsidy);
  a.field("external_income_urban", c.external_income_urban);
  a.field("external_income_rural", c.external_income_rural);
  a.field("transfer_in", c.transfer_in);
  a.field("revenue", c.revenue);
  a.field("revenue_last_month", c.revenue_last_month);
  a.field("towns", c.towns);
  a.field("parks", c.parks);
}

template <class A>
void walk(A& a, LabourForce& l) {
  a.field("employed", l.employed);
  a.field("working", l.working);
  a.field("unemployed", l.unemployed);
  a.field("wage_sum", l.wage_sum);
  a.field("registered_lf", l.registered_lf);
  a.field("registered_unemployed", l.registered_unemployed);
  a.field("migrants", l.migrants);
  a.field("c_lf", l.c_lf);
  a.field("c_unemployed", l.c_unemployed);
}

template <class A>
void walk(A& a, RestOfWorld& r) {
  a.field("exports", r.exports);
  a.field("farm_sales", r.farm_sales);
  a.field("village_rents", r.village_rents);
  a.field("transfers_in", r.transfers_in);
  a.field("interest", r.interest);
  a.field("land_rents", r.land_rents);
  a.field("remittances", r.remittances);
  a.field("external_income", r.external_income);
  a.field("migrant_savings_in", r.migrant_savings_in);
  a.field("imports_households", r.imports_households);
  a.field("imports_firms", r.imports_firms);
  a.field("capital_income_out", r.capital_income_out);
  a.field("remittances_out", r.remittances_out);
  a.field("migrant_savings_out", r.migrant_savings_out);
}

template <class A>
void walk(A& a, World& w) {
  a.nested("settlements", w.settlements);
  a.nested("persons", w.persons);
  a.nested("households", w.households);
  a.nested("firms", w.firms);
  a.nested("villages", w.villages);
  a.list("counties", w.counties);
  a.nested("row", w.row);
  a.field("month_index", w.month_index);
  a.nested("date", w.date);
  a.field("weight", w.weight);
  a.field("export_demand", w.export_demand);
  a.field("export_cycle", w.export_cycle);
  a.field("nominal_level", w.nominal_level);
  a.field("nominal_level_january", w.nominal_level_january);
  a.field("public_purchases", w.public_purchases);
  a.field("consumption_pool", w.consumption_pool);
  a.field("self_employment_pool", w.self_employment_pool);
  a.field("investment_fund", w.investment_fund);
  a.field("mean_wage_last_year", w.mean_wage_last_year);
  a.field("farm_age_factor", w.farm_age_factor);
  a.field("rent_reference_wage", w.rent_reference_wage);
  a.field("mean_wage_ytd_sum", w.mean_wage_ytd_sum);
  a.field("mean_wage_ytd_count", w.mean_wage_ytd_count);
  a.field("mean_income_pc_last_year", w.mean_income_pc_last_year);
  a.field("mean_income_pc_this_year_sum", w.mean_income_pc_this_year_sum);
  a.field("county_unemployment", w.county_unemployment);
  a.nested("labour", w.labour);
  a.field("unemployment_reference", w.unemployment_reference);
  a.elsewhere("policy_states", w.policy_states);  // each block walks itself (engine/snapshot.cpp)
  a.field("dividend_tilt", w.dividend_tilt);
  a.field("programme_spending", w.programme_spending);
  a.field("firm_entries", w.firm_entries);
  a.field("firm_exits", w.firm_exits);
  a.field("firm_exits_low_productivity", w.firm_exits_low_productivity);
}

}  // namespace prosim
