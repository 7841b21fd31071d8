locals {
  tags = merge(var.tags, {
    project     = var.project
    environment = var.environment
  })

  user_pools = { for p in var.node_pools : p.name => p }

  # Kubernetes taints in AKS's "key=value:Effect" notation.
  user_pool_taints = {
    for name, p in local.user_pools : name => [
      for t in p.taints : t.value == null ? "${t.key}:${t.effect}" : "${t.key}=${t.value}:${t.effect}"
    ]
  }
}

resource "azurerm_kubernetes_cluster" "this" {
  name                = var.name
  resource_group_name = var.resource_group_name
  location            = var.location
  dns_prefix          = var.name
  kubernetes_version  = var.kubernetes_version
  sku_tier            = var.sku_tier

  automatic_upgrade_channel = var.automatic_upgrade_channel
  node_os_upgrade_channel   = "NodeImage"

  # Workload identity: pods exchange their service-account token for an
  # Entra ID token (see the identity module).
  oidc_issuer_enabled       = true
  workload_identity_enabled = true

  # Entra ID authentication and Azure RBAC only; no static admin kubeconfig.
  local_account_disabled            = true
  role_based_access_control_enabled = true

  azure_active_directory_role_based_access_control {
    azure_rbac_enabled     = true
    admin_group_object_ids = var.admin_group_object_ids
  }

  dynamic "api_server_access_profile" {
    for_each = length(var.api_server_authorized_ip_ranges) > 0 ? [var.api_server_authorized_ip_ranges] : []

    content {
      authorized_ip_ranges = api_server_access_profile.value
    }
  }

  default_node_pool {
    name                         = var.system_node_pool.name
    temporary_name_for_rotation  = substr("tmp${var.system_node_pool.name}", 0, 12)
    vm_size                      = var.system_node_pool.vm_size
    vnet_subnet_id               = var.subnet_id
    orchestrator_version         = var.kubernetes_version
    auto_scaling_enabled         = true
    min_count                    = var.system_node_pool.min_count
    max_count                    = var.system_node_pool.max_count
    node_count                   = var.system_node_pool.node_count != null ? var.system_node_pool.node_count : var.system_node_pool.min_count
    node_labels                  = var.system_node_pool.labels
    only_critical_addons_enabled = var.system_node_pool.only_critical_addons
    os_disk_size_gb              = var.system_node_pool.os_disk_size_gb
    zones                        = var.zones

    upgrade_settings {
      max_surge = "10%"
    }

    tags = local.tags
  }

  identity {
    type = "SystemAssigned"
  }

  # Azure CNI overlay with the Cilium data plane: pods get overlay IPs (the
  # subnet only holds nodes) and NetworkPolicies are enforced.
  network_profile {
    network_plugin      = "azure"
    network_plugin_mode = "overlay"
    network_data_plane  = "cilium"
    network_policy      = "cilium"
    load_balancer_sku   = "standard"
    outbound_type       = "loadBalancer"
    pod_cidr            = var.pod_cidr
    service_cidr        = var.service_cidr
    dns_service_ip      = var.dns_service_ip
  }

  tags = local.tags

  lifecycle {
    # The cluster autoscaler owns the current size.
    ignore_changes = [default_node_pool[0].node_count]

    precondition {
      condition     = !contains([for p in var.node_pools : p.name], var.system_node_pool.name)
      error_message = "A user node pool has the system pool's name."
    }
  }
}

resource "azurerm_kubernetes_cluster_node_pool" "this" {
  for_each = local.user_pools

  name                  = each.key
  kubernetes_cluster_id = azurerm_kubernetes_cluster.this.id
  mode                  = "User"
  vm_size               = each.value.vm_size
  vnet_subnet_id        = var.subnet_id
  orchestrator_version  = var.kubernetes_version
  auto_scaling_enabled  = true
  min_count             = each.value.min_count
  max_count             = each.value.max_count
  node_count            = each.value.node_count != null ? each.value.node_count : each.value.min_count
  node_labels           = each.value.labels
  node_taints           = local.user_pool_taints[each.key]
  os_disk_size_gb       = each.value.os_disk_size_gb
  zones                 = var.zones

  upgrade_settings {
    max_surge = "10%"
  }

  tags = local.tags

  lifecycle {
    ignore_changes = [node_count]
  }
}

# With a system-assigned identity and a bring-your-own subnet, the cluster
# needs rights on the subnet to place nodes and load balancers in it.
resource "azurerm_role_assignment" "cluster_network" {
  scope                = var.subnet_id
  role_definition_name = "Network Contributor"
  principal_id         = azurerm_kubernetes_cluster.this.identity[0].principal_id
  principal_type       = "ServicePrincipal"
}

resource "azurerm_role_assignment" "cluster_admin" {
  for_each = toset(var.cluster_admin_principal_ids)

  scope                = azurerm_kubernetes_cluster.this.id
  role_definition_name = "Azure Kubernetes Service RBAC Cluster Admin"
  principal_id         = each.value
}
