//! What an SPL document says of itself and its products: set id, version,
//! date, document type, labeller, and per product its brand, generic name,
//! form, route and active ingredients.

use crate::import::label::ProductType;

/// Which identity text a `<name>` holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum NameOf {
    Labeller,
    Brand,
    Generic,
    ActiveIngredient,
}

/// What the product data says of one kind of product.
#[derive(Debug, Default)]
pub(super) struct Products {
    pub brands: Vec<String>,
    pub generics: Vec<String>,
    pub forms: Vec<String>,
    pub routes: Vec<String>,
    pub active_ingredients: Vec<String>,
}

/// The identity read so far. The parts of a kit (`<part>`: the drug's
/// syringe, an alcohol swab) are kept apart and used only where the
/// products themselves say nothing.
#[derive(Debug, Default)]
pub(super) struct Identity {
    pub set_id: Option<String>,
    pub version: Option<String>,
    pub effective_time: Option<String>,
    pub product_type: Option<ProductType>,
    pub labeller: Option<String>,
    pub products: Products,
    pub parts: Products,
}

impl Identity {
    /// The document's type code: 34391-3 prescription, 34390-5 OTC; other
    /// codes are read from their display name.
    pub fn document_type(&mut self, code: Option<&str>, display: Option<&str>) {
        self.product_type = match code {
            Some("34391-3") => Some(ProductType::Prescription),
            Some("34390-5") => Some(ProductType::OverTheCounter),
            _ => display.and_then(ProductType::from_name),
        };
    }

    /// `<effectiveTime value="20130927">` (a time of day may follow).
    pub fn effective_time(&mut self, value: &str) {
        let date: String = value.chars().take(8).collect();
        if date.len() == 8 && date.chars().all(|c| c.is_ascii_digit()) {
            self.effective_time = Some(date);
        }
    }

    /// A captured `<name>`'s text, of a product or (`in_part`) a kit's part.
    pub fn name(&mut self, of: NameOf, text: &str, in_part: bool) {
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.is_empty() {
            return;
        }
        let products = self.products_mut(in_part);
        match of {
            NameOf::Labeller => {
                self.labeller.get_or_insert(text);
            }
            NameOf::Brand => add(&mut products.brands, text),
            NameOf::Generic => add(&mut products.generics, text),
            NameOf::ActiveIngredient => add(&mut products.active_ingredients, text),
        }
    }

    /// A `formCode`'s display name.
    pub fn form(&mut self, display: Option<&str>, in_part: bool) {
        coded(&mut self.products_mut(in_part).forms, display);
    }

    /// A `routeCode`'s display name.
    pub fn route(&mut self, display: Option<&str>, in_part: bool) {
        coded(&mut self.products_mut(in_part).routes, display);
    }

    /// Generic names, or the active ingredients where the label names no
    /// generic medicine.
    pub fn generic_names(&self) -> Vec<String> {
        [
            &self.products.generics,
            &self.parts.generics,
            &self.products.active_ingredients,
            &self.parts.active_ingredients,
        ]
        .into_iter()
        .find(|names| !names.is_empty())
        .cloned()
        .unwrap_or_default()
    }

    /// Brand names that are not just the generic name again (a generic
    /// product's "name" is its generic name).
    pub fn brand_names(&self) -> Vec<String> {
        let generics = self.generic_names();
        self.products
            .brands
            .iter()
            .filter(|b| !generics.iter().any(|g| g.eq_ignore_ascii_case(b)))
            .cloned()
            .collect()
    }

    /// The products' dosage forms, or their parts' if they name none.
    pub fn forms(&self) -> Vec<String> {
        either(&self.products.forms, &self.parts.forms)
    }

    /// The products' routes, or their parts' if they name none.
    pub fn routes(&self) -> Vec<String> {
        either(&self.products.routes, &self.parts.routes)
    }

    fn products_mut(&mut self, in_part: bool) -> &mut Products {
        if in_part {
            &mut self.parts
        } else {
            &mut self.products
        }
    }
}

fn either(first: &[String], second: &[String]) -> Vec<String> {
    if first.is_empty() { second } else { first }.to_vec()
}

fn coded(list: &mut Vec<String>, display: Option<&str>) {
    if let Some(d) = display.map(str::trim).filter(|d| !d.is_empty()) {
        add(list, d.to_string());
    }
}

/// Adds a name unless it is already there in any case.
fn add(list: &mut Vec<String>, name: String) {
    if !list.iter().any(|n| n.eq_ignore_ascii_case(&name)) {
        list.push(name);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_tidied_and_kept_once() {
        let mut id = Identity::default();
        id.name(NameOf::Brand, "TRIAMINIC \n  Childrens Night Time", false);
        id.name(NameOf::Brand, "Triaminic childrens night time", false);
        id.name(NameOf::Brand, "Haloperidol", false);
        id.name(NameOf::Generic, "haloperidol", false);
        id.name(NameOf::Labeller, "First", false);
        id.name(NameOf::Labeller, "Second", false);
        assert_eq!(id.brand_names(), ["TRIAMINIC Childrens Night Time"]);
        assert_eq!(id.labeller.as_deref(), Some("First"));
    }

    #[test]
    fn active_ingredients_stand_in_for_a_missing_generic_name() {
        let mut id = Identity::default();
        id.name(
            NameOf::ActiveIngredient,
            "DIPHENHYDRAMINE HYDROCHLORIDE",
            false,
        );
        assert_eq!(id.generic_names(), ["DIPHENHYDRAMINE HYDROCHLORIDE"]);
        id.name(NameOf::Generic, "Diphenhydramine HCl", true);
        assert_eq!(id.generic_names(), ["Diphenhydramine HCl"]);
        id.name(NameOf::Generic, "Diphenhydramine", false);
        assert_eq!(id.generic_names(), ["Diphenhydramine"]);
    }

    #[test]
    fn kit_parts_speak_only_where_the_products_do_not() {
        let mut id = Identity::default();
        id.route(Some("TOPICAL"), true);
        assert_eq!(id.routes(), ["TOPICAL"]);
        id.route(Some("SUBCUTANEOUS"), false);
        id.form(Some("SWAB"), true);
        id.name(NameOf::Generic, "isopropyl alcohol", true);
        id.name(NameOf::Generic, "adalimumab", false);
        assert_eq!(id.routes(), ["SUBCUTANEOUS"]);
        assert_eq!(id.forms(), ["SWAB"]);
        assert_eq!(id.generic_names(), ["adalimumab"]);
    }

    #[test]
    fn document_codes_and_dates() {
        let mut id = Identity::default();
        id.document_type(Some("34390-5"), None);
        assert_eq!(id.product_type, Some(ProductType::OverTheCounter));
        id.document_type(Some("x"), Some("HUMAN PRESCRIPTION DRUG LABEL"));
        assert_eq!(id.product_type, Some(ProductType::Prescription));
        id.effective_time("20130927120000");
        assert_eq!(id.effective_time.as_deref(), Some("20130927"));
        id.effective_time("2013");
        assert_eq!(id.effective_time.as_deref(), Some("20130927"));
    }
}
